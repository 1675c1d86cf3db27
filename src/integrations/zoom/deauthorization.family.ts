import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { audit } from '../../privacy/audit.repo.js';
import { purgeZoomData } from '../../privacy/zoom-data.js';
import { acknowledgeDataCompliance } from '../../zoom/oauth.api.js';
import { defineFamily } from '../../webhooks/webhook-family.js';
import { cancelRunsOf } from './backfill/backfill-runs.repo.js';
import type { ZoomConnection } from './connections.repo.js';
import { dropHeldJobs } from './reconnect-hold.js';

export const dataComplianceJob = 'zoom.data_compliance';

// app_deauthorized (WEBHOOKS.md §5): all strings; `event_ts` sits inside `payload`, and
// `user_data_retention` only appears in Zoom's older docs, as "true"/"false" (or a boolean).
const deauthorizedSchema = z.looseObject({
  event: z.literal('app_deauthorized'),
  payload: z.looseObject({
    account_id: z.string().min(1).max(200),
    user_id: z.string().min(1).max(200),
    signature: z.string().max(200).optional(),
    deauthorization_time: z.string().max(100).optional(),
    client_id: z.string().max(200).optional(),
    user_data_retention: z.union([z.string(), z.boolean()]).optional(),
  }),
});

type Deauthorized = z.infer<typeof deauthorizedSchema>;

/**
 * Zoom keeps the data only when told so; absent the flag, its policy is that the app deletes
 * the user's Zoom data (API.md §1.8), so absent means delete.
 */
const keepsData = (flag: string | boolean | undefined) => flag === true || flag === 'true';

/**
 * The user removed 1Thing in the Zoom App Marketplace: tokens deleted at once, jobs cancelled,
 * both cards "Removed in Zoom", Zoom-derived data deleted unless Zoom says to keep it, and the
 * deprecated compliance acknowledgement sent later, best effort.
 */
export const deauthorizationFamily = defineFamily<Deauthorized>({
  events: ['app_deauthorized'],
  schema: deauthorizedSchema,
  product: null,
  entry(event) {
    const { payload } = event;

    return {
      // Zoom names each deauthorization with a unique signature (WEBHOOKS.md §1.7).
      dedupeKey: [
        'app_deauthorized',
        payload.user_id,
        payload.signature ?? payload.deauthorization_time ?? '',
      ].join('|'),
      zoomAccountId: payload.account_id,
      zoomUserId: payload.user_id,
    };
  },
  async handle(context, event) {
    return deauthorize(context, event);
  },
});

async function deauthorize(context: AppContext, event: Deauthorized): Promise<string> {
  const { payload } = event;
  // Every CRM user who connected this Zoom user loses it (Zoom keeps one grant per Zoom user,
  // but older connections of other CRM users may still hold its data).
  const connections = await context.db
    .selectFrom('zoom_connections')
    .selectAll()
    .where('zoom_account_id', '=', payload.account_id)
    .where('zoom_user_id', '=', payload.user_id)
    .orderBy('authorized_at', 'desc')
    .execute();

  if (connections.length === 0) {
    context.logger.info(
      { zoomUserId: payload.user_id },
      'app_deauthorized for a zoom user we do not know',
    );

    return 'unknown_zoom_user';
  }

  const outcomes = [];

  for (const connection of connections) {
    outcomes.push(await deauthorizeConnection(context, event, connection));
  }

  return outcomes[0] ?? 'deauthorized';
}

async function deauthorizeConnection(
  context: AppContext,
  event: Deauthorized,
  connection: ZoomConnection,
): Promise<string> {
  const { db, clock } = context;
  const { payload } = event;
  const log = context.logger.child({ userId: connection.user_id, connectionId: connection.id });
  const deauthorizedAt = Date.parse(payload.deauthorization_time ?? '');

  // A replayed old uninstall must not undo a newer authorization.
  if (!Number.isNaN(deauthorizedAt) && deauthorizedAt < connection.authorized_at) {
    log.info('app_deauthorized older than the current authorization; ignored');

    return 'authorized_again';
  }

  const now = clock.now();

  await db
    .updateTable('zoom_connections')
    .set({
      status: 'revoked',
      status_reason: 'removed_in_zoom',
      token_version: (eb) => eb('token_version', '+', 1),
      access_token_enc: null,
      refresh_token_enc: null,
      access_expires_at: null,
      refresh_lock_owner: null,
      refresh_lock_until: null,
      meetings_state: 'removed_in_zoom',
      phone_state: 'removed_in_zoom',
      updated_at: now,
    })
    .where('id', '=', connection.id)
    .execute();
  await context.jobs.cancelForUser(connection.user_id);
  await dropHeldJobs(db, connection.user_id);
  await cancelRunsOf(db, connection.user_id, '1Thing was removed in Zoom', now);

  const keep = keepsData(payload.user_data_retention);
  const purged = keep ? null : await purgeZoomData(db, connection.user_id);

  await audit(
    db,
    {
      userId: connection.user_id,
      actor: 'zoom',
      action: 'app_deauthorized',
      detail: keep
        ? 'tokens deleted; data kept (user_data_retention)'
        : `tokens and Zoom data deleted ${JSON.stringify(purged)}`,
    },
    now,
  );
  log.info({ dataKept: keep }, 'zoom access removed in the marketplace');

  if (context.config.ZOOM_DATA_COMPLIANCE_ENABLED) {
    await context.jobs.enqueue({
      name: dataComplianceJob,
      key: `compliance:${payload.user_id}:${payload.signature ?? now}`,
      maxAttempts: 3,
      payload: { userId: payload.user_id, accountId: payload.account_id, event: payload },
    });
  }

  return keep ? 'deauthorized_data_kept' : 'deauthorized_data_deleted';
}

/** Best effort: a failure is logged and retried a little, never blocking anything. */
export function createDataComplianceJob(context: AppContext) {
  return async ({ payload }: { payload: Record<string, unknown> }) => {
    await acknowledgeDataCompliance(context.zoom, {
      userId: String(payload.userId),
      accountId: String(payload.accountId),
      event: payload.event,
    });
    context.logger.info({ zoomUserId: payload.userId }, 'zoom data compliance acknowledged');
  };
}
