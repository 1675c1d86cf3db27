import type { AppContext } from '../../app-context.js';
import type { JobHandler } from '../../jobs/job-queue.js';
import { crashPoint } from '../../lib/crash-point.js';
import { parseExternalJson } from '../../lib/text.js';
import { metrics } from '../../metrics/metrics.js';
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
  ): Promise<{ status: 'processed' | 'skipped'; reason: string; zoomCallId?: string }> {
    if (!family) return { status: 'skipped', reason: 'event_not_handled' };

    const event = family.schema.parse(parseExternalJson(body));
    const zoomCallId = zoomCallIdOf(event);
    const connection =
      accountId && zoomUserId
        ? await findConnectionByZoomUser(context.db, accountId, zoomUserId)
        : undefined;

    if (family.product) {
      // Zoom must get its 200 for events of people who are not (or no longer) connected;
      // they are acknowledged, logged and dropped here.
      if (!connection) return { status: 'skipped', reason: 'unknown_zoom_user', zoomCallId };

      if (connection[productColumn[family.product]] !== 'connected') {
        return { status: 'skipped', reason: `${family.product}_not_connected`, zoomCallId };
      }
    }

    const reason = await family.handle(context, event, connection);

    return { status: 'processed', reason, zoomCallId };
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

    await crashPoint('webhook.handled');
    const finishedAt = context.clock.now();
    const lagMs = Math.max(0, finishedAt - entry.received_at);

    await markInboxEntry(context.db, inboxId, outcome.status, outcome.reason, finishedAt);
    metrics.webhookLag.observe(lagMs / 1000);
    log.info(
      // The call id ties this line (and its tracking id) to the "call logged" line.
      { outcome: outcome.reason, lagMs, zoomCallId: outcome.zoomCallId },
      outcome.status === 'processed' ? 'webhook processed' : 'webhook skipped',
    );
  };
}

/** Zoom's call id of a phone event (`payload.object.call_id`), when the event has one. */
function zoomCallIdOf(event: unknown): string | undefined {
  const id = (event as { payload?: { object?: { call_id?: unknown } } }).payload?.object?.call_id;

  return typeof id === 'string' ? id : undefined;
}
