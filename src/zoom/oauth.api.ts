import { createHash } from 'node:crypto';
import { z } from 'zod';
import { expectZoomOk, readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// Token response of POST https://zoom.us/oauth/token (API.md §1.3, §1.5).
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string().default(''),
  token_type: z.string().optional(),
  api_url: z.string().optional(),
});

export interface ZoomTokens {
  accessToken: string;
  refreshToken: string;
  /** Absolute expiry in epoch ms, computed when the response arrived. */
  expiresAt: number;
  scopes: string[];
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The consent URL (API.md §1.2). Scopes come from the app's configuration, so none are sent. */
export function buildAuthorizeUrl(
  settings: Pick<ZoomHttpSettings, 'oauthUrl' | 'clientId'>,
  params: { redirectUri: string; state: string; codeVerifier: string },
): string {
  const url = new URL(`${settings.oauthUrl}/oauth/authorize`);

  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', pkceChallenge(params.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');

  return url.toString();
}

function tokenRequest(settings: ZoomHttpSettings, operation: string, form: Record<string, string>) {
  return sendZoomRequest({
    operation,
    method: 'POST',
    url: `${settings.oauthUrl}/oauth/token`,
    basicAuth: { clientId: settings.clientId, clientSecret: settings.clientSecret },
    form,
    timeoutMs: settings.timeoutMs,
  });
}

async function readTokens(operation: string, response: Response): Promise<ZoomTokens> {
  const receivedAt = Date.now();
  const body = await readZoomJson(operation, response, tokenResponseSchema);

  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: receivedAt + body.expires_in * 1000,
    scopes: body.scope.split(/\s+/).filter(Boolean),
  };
}

export async function exchangeCode(
  settings: ZoomHttpSettings,
  params: { code: string; redirectUri: string; codeVerifier: string },
): Promise<ZoomTokens> {
  const response = await tokenRequest(settings, 'oauth.exchange_code', {
    grant_type: 'authorization_code',
    code: params.code,
    redirect_uri: params.redirectUri,
    code_verifier: params.codeVerifier,
  });

  return readTokens('oauth.exchange_code', response);
}

/** Zoom rotates refresh tokens: the one passed in is dead once this returns (API.md §1.5). */
export async function refreshTokens(
  settings: ZoomHttpSettings,
  refreshToken: string,
): Promise<ZoomTokens> {
  const response = await tokenRequest(settings, 'oauth.refresh', {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });

  return readTokens('oauth.refresh', response);
}

export async function revokeToken(settings: ZoomHttpSettings, token: string): Promise<void> {
  const response = await sendZoomRequest({
    operation: 'oauth.revoke',
    method: 'POST',
    url: `${settings.oauthUrl}/oauth/revoke`,
    basicAuth: { clientId: settings.clientId, clientSecret: settings.clientSecret },
    form: { token },
    timeoutMs: settings.timeoutMs,
  });

  await expectZoomOk('oauth.revoke', response);
}

/**
 * Zoom's Data Compliance acknowledgement after an uninstall (API.md §1.8). Zoom marks the API
 * deprecated, so callers treat it as best effort and never let it block a deletion.
 */
export async function acknowledgeDataCompliance(
  settings: ZoomHttpSettings,
  body: { userId: string; accountId: string; event: unknown },
): Promise<void> {
  const response = await sendZoomRequest({
    operation: 'oauth.data_compliance',
    method: 'POST',
    url: `${settings.oauthUrl}/oauth/data/compliance`,
    basicAuth: { clientId: settings.clientId, clientSecret: settings.clientSecret },
    json: {
      client_id: settings.clientId,
      user_id: body.userId,
      account_id: body.accountId,
      deauthorization_event_received: body.event,
      compliance_completed: true,
    },
    timeoutMs: settings.timeoutMs,
  });

  await expectZoomOk('oauth.data_compliance', response);
}
