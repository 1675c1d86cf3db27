import {
  callHistoryEventSchema,
  callHistoryEvents,
  callHistoryRecords,
} from '../../webhooks/call-history-event.schema.js';
import {
  callEventSides,
  phoneCallEventSchema,
  phoneCallEvents,
} from '../../webhooks/phone-call-event.schema.js';
import { defineFamily } from '../../webhooks/webhook-family.js';
import { logCallHistoryEvent, logPhoneCallEvent } from './call-logging.js';

/** phone.caller_* / phone.callee_* call-status events: live calls become Call Activities. */
export const phoneCallFamily = defineFamily({
  events: phoneCallEvents,
  schema: phoneCallEventSchema,
  product: 'phone',
  entry(event) {
    const { agent } = callEventSides(event);
    const object = event.payload.object;
    const when =
      object.call_end_time ??
      object.answer_start_time ??
      object.connected_start_time ??
      object.ringing_start_time ??
      '';

    return {
      dedupeKey: [event.event, object.call_id, agent.user_id ?? '', when].join('|'),
      zoomAccountId: event.payload.account_id,
      zoomUserId: agent.user_id ?? null,
    };
  },
  async handle(context, event, connection) {
    if (!connection) return 'unknown_zoom_user';

    await logPhoneCallEvent(context, connection, event);

    return 'call_logged';
  },
});

/** Finished call records (call_element / call_history completed): fill in what live events lacked. */
export const callHistoryFamily = defineFamily({
  events: callHistoryEvents,
  schema: callHistoryEventSchema,
  product: 'phone',
  entry(event) {
    const { object, account_id } = event.payload;
    const ids = callHistoryRecords(event).map((r) => r.call_element_id ?? r.id ?? r.call_id);

    return {
      dedupeKey: [event.event, object.user_id, ...ids.sort()].join('|'),
      zoomAccountId: account_id,
      zoomUserId: object.user_id,
    };
  },
  async handle(context, event, connection) {
    if (!connection) return 'unknown_zoom_user';

    await logCallHistoryEvent(context, connection, event);

    return 'call_logged';
  },
});
