import type { AppContext } from '../../app-context.js';
import type { JobHandler } from '../../jobs/job-queue.js';
import { newId } from '../../lib/ids.js';
import { revokeToken } from '../../zoom/oauth.api.js';

export const revokeRetryJob = 'zoom.revoke_retry';

/**
 * Zoom did not confirm a revocation (it was down). Our own copy of the tokens is already
 * deleted; the refresh token, sealed, waits here only so Zoom can be told again.
 */
export async function queueRevokeRetry(context: AppContext, userId: string, tokenEnc: string) {
  const id = newId();

  await context.db
    .insertInto('pending_revocations')
    .values({ id, user_id: userId, token_enc: tokenEnc, created_at: context.clock.now() })
    .execute();
  await context.jobs.enqueue({
    name: revokeRetryJob,
    payload: { revocationId: id },
    key: `revoke:${id}`,
    maxAttempts: 8,
  });
}

export function createRevokeRetryJob(context: AppContext): JobHandler {
  return async ({ payload, attempt }) => {
    const id = String(payload.revocationId);
    const pending = await context.db
      .selectFrom('pending_revocations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();

    if (!pending) return;

    try {
      await revokeToken(context.zoom, context.cipher.open(pending.token_enc));
    } catch (error) {
      await context.db
        .updateTable('pending_revocations')
        .set({
          attempts: attempt,
          last_error: error instanceof Error ? error.message : String(error),
        })
        .where('id', '=', id)
        .execute();

      throw error;
    }

    await context.db.deleteFrom('pending_revocations').where('id', '=', id).execute();
    await context.db
      .updateTable('zoom_connections')
      .set({ status_reason: 'disconnected' })
      .where('user_id', '=', pending.user_id)
      .where('status_reason', '=', 'revoke_pending')
      .execute();
    context.logger.info({ userId: pending.user_id }, 'zoom revoke confirmed on retry');
  };
}
