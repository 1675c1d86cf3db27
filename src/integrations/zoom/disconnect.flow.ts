import type { AppContext } from '../../app-context.js';
import { revokeToken } from '../../zoom/oauth.api.js';
import { audit } from '../../privacy/audit.repo.js';
import { cancelRunsOf } from './backfill/backfill-runs.repo.js';
import { dropHeldJobs } from './reconnect-hold.js';
import { queueRevokeRetry } from './revoke-retry.job.js';
import { findConnectionByUser, productColumn, type ZoomProduct } from './connections.repo.js';

/**
 * Turns one card off. While the other card is still on, the shared token stays; when neither
 * is, the grant is revoked at Zoom and the tokens are deleted here whatever Zoom answered
 * (DESIGN.md §3). Returns whether Zoom confirmed the revocation.
 */
export async function disconnectProduct(
  context: AppContext,
  userId: string,
  product: ZoomProduct,
): Promise<{ revokedAtZoom: boolean | null }> {
  const connection = await findConnectionByUser(context.db, userId);

  if (!connection) return { revokedAtZoom: null };

  const now = context.clock.now();
  const other: ZoomProduct = product === 'phone' ? 'meetings' : 'phone';
  const otherStillOn = connection[productColumn[other]] === 'connected';
  const log = context.logger.child({ userId, connectionId: connection.id, product });

  await context.db
    .updateTable('zoom_connections')
    .set({ [productColumn[product]]: 'not_connected', updated_at: now })
    .where('id', '=', connection.id)
    .execute();

  if (otherStillOn && connection.status === 'connected') {
    if (product === 'phone') {
      await cancelRunsOf(context.db, userId, 'Zoom Phone was disconnected', now);
    }

    log.info('zoom product switched off; token kept for the other product');

    return { revokedAtZoom: null };
  }

  let revokedAtZoom: boolean | null = null;

  if (connection.access_token_enc) {
    try {
      await revokeToken(context.zoom, context.cipher.open(connection.access_token_enc));
      revokedAtZoom = true;
    } catch (error) {
      revokedAtZoom = false;
      log.warn({ err: error }, 'zoom revoke failed; tokens deleted anyway, revoke retried later');
    }
  }

  await context.db
    .updateTable('zoom_connections')
    .set({
      status: 'revoked',
      status_reason: revokedAtZoom === false ? 'revoke_pending' : 'disconnected',
      // Moves the version on, so a refresh that was in flight cannot store its tokens.
      token_version: connection.token_version + 1,
      access_token_enc: null,
      refresh_token_enc: null,
      access_expires_at: null,
      meetings_state: 'not_connected',
      phone_state: 'not_connected',
      updated_at: context.clock.now(),
    })
    .where('id', '=', connection.id)
    .execute();
  await context.jobs.cancelForUser(userId);
  await dropHeldJobs(context.db, userId);
  await cancelRunsOf(context.db, userId, 'Zoom was disconnected', context.clock.now());

  if (revokedAtZoom === false && connection.refresh_token_enc) {
    await queueRevokeRetry(context, userId, connection.refresh_token_enc);
  }

  await audit(
    context.db,
    {
      userId,
      actor: 'user',
      action: 'zoom_disconnected',
      detail: `revoked at Zoom: ${revokedAtZoom}`,
    },
    context.clock.now(),
  );
  log.info({ revokedAtZoom }, 'zoom disconnected');

  return { revokedAtZoom };
}
