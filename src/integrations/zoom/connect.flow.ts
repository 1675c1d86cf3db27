import type { AppContext } from '../../app-context.js';
import { randomToken, sha256Hex } from '../../lib/ids.js';
import { normalisePhone } from '../../crm/phone-number.js';
import {
  buildAuthorizeUrl,
  exchangeCode,
  revokeToken,
  type ZoomTokens,
} from '../../zoom/oauth.api.js';
import { getPhoneUser } from '../../zoom/phone.api.js';
import { getCurrentUser } from '../../zoom/users.api.js';
import { ZoomError } from '../../zoom/zoom-error.js';
import { saveAuthorization, type ZoomProduct } from './connections.repo.js';
import { isAllowedInPilot } from './pilot-allowlist.repo.js';
import { startBackfill } from './backfill/backfill-start.js';
import { resumeHeldJobs } from './reconnect-hold.js';

const stateLifetimeMs = 10 * 60_000;

export type ConnectFailure =
  | 'OAUTH_DENIED'
  | 'OAUTH_STATE_INVALID'
  | 'OAUTH_FAILED'
  | 'PILOT_NOT_APPROVED'
  | 'ZOOM_UNAVAILABLE';

/**
 * Starts the consent flow (API.md §1.2): a one-time `state` bound to this browser session and
 * a PKCE S256 verifier (RFC 7636), both kept server-side until Zoom sends the user back.
 */
export async function startConnect(
  context: AppContext,
  user: { id: string; sessionId: string },
  product: ZoomProduct,
): Promise<string> {
  const state = randomToken(24);
  const codeVerifier = randomToken(48);
  const now = context.clock.now();

  await context.db
    .insertInto('oauth_states')
    .values({
      state_hash: sha256Hex(state),
      user_id: user.id,
      session_id_hash: sha256Hex(user.sessionId),
      product,
      code_verifier_enc: context.cipher.seal(codeVerifier),
      created_at: now,
      expires_at: now + stateLifetimeMs,
    })
    .execute();

  return buildAuthorizeUrl(context.zoom, {
    redirectUri: context.config.redirectUri,
    state,
    codeVerifier,
  });
}

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
}

export type ConnectResult =
  | { ok: true; product: ZoomProduct; phoneState?: 'connected' | 'not_licensed' }
  | { ok: false; product: ZoomProduct | null; failure: ConnectFailure };

/**
 * Finishes the consent flow at GET /oauth/zoom/callback. Every way it can go wrong ends in a
 * named failure the settings page explains with a retry; none of them keeps a token.
 */
export async function completeConnect(
  context: AppContext,
  query: CallbackQuery,
  session: { id: string; sessionId: string } | null,
): Promise<ConnectResult> {
  const pending = query.state ? await takeState(context, query.state, session) : undefined;
  const product = pending?.product ?? null;
  const log = context.logger.child({ userId: pending?.user_id, product });

  if (query.error) {
    log.info({ zoomError: query.error.slice(0, 60) }, 'zoom consent not given');

    return {
      ok: false,
      product,
      failure: query.error === 'access_denied' ? 'OAUTH_DENIED' : 'OAUTH_FAILED',
    };
  }

  const stateMatches =
    pending !== undefined &&
    session !== null &&
    pending.user_id === session.id &&
    pending.session_id_hash === sha256Hex(session.sessionId) &&
    pending.expires_at > context.clock.now();

  if (!pending || !stateMatches) {
    log.info('oauth callback with unknown, expired or foreign state');

    return { ok: false, product, failure: 'OAUTH_STATE_INVALID' };
  }

  if (!query.code) return { ok: false, product: pending.product, failure: 'OAUTH_FAILED' };

  try {
    const tokens = await exchangeCode(context.zoom, {
      code: query.code,
      redirectUri: context.config.redirectUri,
      codeVerifier: context.cipher.open(pending.code_verifier_enc),
    });

    return await finishConnect(context, pending.user_id, pending.product, tokens);
  } catch (error) {
    const unavailable = error instanceof ZoomError && error.outcome === 'retry_later';

    log.warn({ err: error }, 'zoom connect failed');

    return {
      ok: false,
      product: pending.product,
      failure: unavailable ? 'ZOOM_UNAVAILABLE' : 'OAUTH_FAILED',
    };
  }
}

async function finishConnect(
  context: AppContext,
  userId: string,
  product: ZoomProduct,
  tokens: ZoomTokens,
): Promise<ConnectResult> {
  const zoomUser = await getCurrentUser(context.zoom, tokens.accessToken);
  const log = context.logger.child({ userId, product, zoomUserId: zoomUser.id });

  if (!(await isAllowedInPilot(context.db, zoomUser.email))) {
    await revokeToken(context.zoom, tokens.accessToken).catch((error: unknown) =>
      log.warn({ err: error }, 'revoking a non-pilot grant failed'),
    );
    log.info('zoom account not on the pilot allow list');

    return { ok: false, product, failure: 'PILOT_NOT_APPROVED' };
  }

  const phone =
    product === 'phone' ? await readPhoneProfile(context, tokens.accessToken) : undefined;
  const productState = phone?.licensed === false ? 'not_licensed' : 'connected';

  await saveAuthorization(context.db, {
    userId,
    zoomUserId: zoomUser.id,
    zoomAccountId: zoomUser.account_id,
    zoomEmail: zoomUser.email,
    scopes: tokens.scopes,
    accessTokenEnc: context.cipher.seal(tokens.accessToken),
    refreshTokenEnc: context.cipher.seal(tokens.refreshToken),
    keyId: context.cipher.keyId,
    accessExpiresAt: tokens.expiresAt,
    product,
    productState,
    ...(phone?.licensed && { phone: phone.profile }),
    now: context.clock.now(),
  });
  log.info({ productState }, 'zoom connected');
  // Work that waited while the grant was dead ("Reconnect needed") goes on now.
  await resumeHeldJobs(context, userId);

  // The agent's recent calls appear without asking, the first time Phone is connected.
  if (product === 'phone' && productState === 'connected') {
    await startBackfill(context, userId, { onlyFirst: true });
  }

  return product === 'phone'
    ? { ok: true, product, phoneState: productState }
    : { ok: true, product };
}

/**
 * Reads the agent's Zoom Phone profile. A user without a Zoom Phone licence gets a 403 (or
 * one of the codes API.md §5.1 lists): that is an answer, not a failure.
 */
async function readPhoneProfile(context: AppContext, accessToken: string) {
  try {
    const user = await getPhoneUser(context.zoom, accessToken);
    const region = context.config.DEFAULT_PHONE_REGION;
    const numbers = user.phone_numbers
      .map((entry) => normalisePhone(entry.number, region)?.e164)
      .filter((value): value is string => Boolean(value));
    const extension = user.extension_number == null ? null : String(user.extension_number);

    return {
      licensed: true as const,
      profile: { phoneUserId: user.phone_user_id ?? null, numbers, extension },
    };
  } catch (error) {
    if (
      error instanceof ZoomError &&
      (error.outcome === 'forbidden' || error.outcome === 'not_found')
    ) {
      return { licensed: false as const };
    }

    throw error;
  }
}

/**
 * Single use: the row is deleted as it is read, so a replayed callback finds nothing. Only
 * the session that started the flow consumes it: someone else presenting a stolen state
 * cannot spoil the rightful owner's sign-in.
 */
async function takeState(
  context: AppContext,
  state: string,
  session: { id: string; sessionId: string } | null,
) {
  const stateHash = sha256Hex(state);
  const row = await context.db
    .selectFrom('oauth_states')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();

  if (!row) return undefined;

  const owner = session !== null && row.session_id_hash === sha256Hex(session.sessionId);

  if (!owner) return undefined;

  const deleted = await context.db
    .deleteFrom('oauth_states')
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();

  return Number(deleted.numDeletedRows) === 1 ? row : undefined;
}
