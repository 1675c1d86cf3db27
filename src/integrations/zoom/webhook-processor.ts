import type { AppContext } from '../../app-context.js';
import type { JobHandler } from '../../jobs/job-queue.js';
import { PermanentJobError } from '../../jobs/job-queue.js';
import { loadInboxEntry, markInboxEntry } from '../../webhooks/inbox.repo.js';
import {
  callHistoryEventSchema,
  isCallHistoryEvent,
} from '../../webhooks/call-history-event.schema.js';
import { isPhoneCallEvent, phoneCallEventSchema } from '../../webhooks/phone-call-event.schema.js';
import { logCallHistoryEvent, logPhoneCallEvent } from './call-logging.js';
import { findConnectionByZoomUser } from './connections.repo.js';

/**
 * The job behind every stored webhook. It is safe to run twice: a finished entry is left
 * alone, and the call logging it drives only ever moves a call forward.
 */
export function createWebhookProcessor(context: AppContext): JobHandler {
  return async ({ payload, jobId }) => {
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
    const outcome = await process(
      entry.event,
      entry.body,
      entry.zoom_account_id,
      entry.zoom_user_id,
    );

    await markInboxEntry(context.db, inboxId, outcome.status, outcome.reason, context.clock.now());
    log.info(
      { outcome: outcome.reason },
      outcome.status === 'processed' ? 'webhook processed' : 'webhook skipped',
    );
  };

  async function process(
    event: string,
    body: string,
    accountId: string | null,
    zoomUserId: string | null,
  ) {
    const callEvent = isPhoneCallEvent(event);

    if (!callEvent && !isCallHistoryEvent(event)) {
      return { status: 'skipped' as const, reason: 'event_not_handled' };
    }

    if (!accountId || !zoomUserId) {
      return { status: 'skipped' as const, reason: 'no_zoom_user_in_event' };
    }

    const connection = await findConnectionByZoomUser(context.db, accountId, zoomUserId);

    // Zoom must get its 200 for events of people who are not (or no longer) connected; they are
    // acknowledged, logged and dropped here.
    if (!connection) return { status: 'skipped' as const, reason: 'unknown_zoom_user' };

    if (connection.phone_state !== 'connected') {
      return { status: 'skipped' as const, reason: 'phone_not_connected' };
    }

    const json: unknown = JSON.parse(body);

    if (callEvent) await logPhoneCallEvent(context, connection, phoneCallEventSchema.parse(json));
    else await logCallHistoryEvent(context, connection, callHistoryEventSchema.parse(json));

    return { status: 'processed' as const, reason: 'call_logged' };
  }
}
