import type { AppContext } from '../../app-context.js';
import type { JobHandler } from '../../jobs/job-queue.js';
import { parseExternalJson } from '../../lib/text.js';
import { PermanentJobError } from '../../jobs/job-queue.js';
import {
  loadInboxEntry,
  markInboxEntry,
  webhookJobMaxAttempts,
} from '../../webhooks/inbox.repo.js';
import type { WebhookFamily } from '../../webhooks/webhook-family.js';
import { findConnectionByZoomUser, productColumn } from './connections.repo.js';

/**
 * The job behind every stored webhook. It is safe to run twice: a finished entry is left
 * alone, and every family's handler is idempotent.
 */
export function createWebhookProcessor(
  context: AppContext,
  families: readonly WebhookFamily[],
): JobHandler {
  async function process(
    family: WebhookFamily | undefined,
    body: string,
    accountId: string | null,
    zoomUserId: string | null,
  ): Promise<{ status: 'processed' | 'skipped'; reason: string }> {
    if (!family) return { status: 'skipped', reason: 'event_not_handled' };

    const event = family.schema.parse(parseExternalJson(body));
    const connection =
      accountId && zoomUserId
        ? await findConnectionByZoomUser(context.db, accountId, zoomUserId)
        : undefined;

    if (family.product) {
      // Zoom must get its 200 for events of people who are not (or no longer) connected;
      // they are acknowledged, logged and dropped here.
      if (!connection) return { status: 'skipped', reason: 'unknown_zoom_user' };

      if (connection[productColumn[family.product]] !== 'connected') {
        return { status: 'skipped', reason: `${family.product}_not_connected` };
      }
    }

    return { status: 'processed', reason: await family.handle(context, event, connection) };
  }

  return async ({ payload, jobId, attempt }) => {
    const inboxId = String(payload.inboxId);
    const entry = await loadInboxEntry(context.db, inboxId);

    if (!entry) throw new PermanentJobError(`Inbox entry ${inboxId} is gone`);

    if (entry.status !== 'pending') return;

    const log = context.logger.child({
      jobId,
      inboxId,
      zoomEvent: entry.event,
      zoomTrackingId: entry.tracking_id,
    });
    const family = families.find((candidate) => candidate.events.includes(entry.event));
    let outcome: Awaited<ReturnType<typeof process>>;

    try {
      outcome = await process(family, entry.body, entry.zoom_account_id, entry.zoom_user_id);
    } catch (error) {
      // The last attempt's failure stays visible to support instead of a silent "pending".
      if (attempt >= webhookJobMaxAttempts) {
        const reason = `failed: ${error instanceof Error ? error.message : String(error)}`;

        await markInboxEntry(
          context.db,
          inboxId,
          'failed',
          reason.slice(0, 500),
          context.clock.now(),
        );
      }

      throw error;
    }

    await markInboxEntry(context.db, inboxId, outcome.status, outcome.reason, context.clock.now());
    log.info(
      { outcome: outcome.reason },
      outcome.status === 'processed' ? 'webhook processed' : 'webhook skipped',
    );
  };
}
