import type { CallObservation, CallResult } from '../../crm/call-state.js';
import type { PhoneCallEvent } from '../../webhooks/phone-call-event.schema.js';

const time = (value: string | undefined): number | null => {
  if (!value) return null;

  const ms = Date.parse(value);

  return Number.isNaN(ms) ? null : ms;
};

/**
 * What one call-status event says about the call (WEBHOOKS.md §3.0 trigger semantics and
 * field table). `handup_result` is free text; an answer time is the stronger evidence that
 * the call was answered.
 */
export function observeCallEvent(event: PhoneCallEvent): CallObservation {
  const object = event.payload.object;
  const startedAt = time(object.ringing_start_time);
  const handup = object.handup_result?.toLowerCase() ?? '';

  switch (event.event) {
    case 'phone.caller_ringing':
    case 'phone.callee_ringing':
      return { status: 'ringing', startedAt };

    case 'phone.caller_connected':
      return { status: 'connected', startedAt, answeredAt: time(object.connected_start_time) };

    case 'phone.callee_answered':
      return { status: 'connected', startedAt, answeredAt: time(object.answer_start_time) };

    case 'phone.callee_missed':
      return {
        status: 'ended',
        startedAt,
        endedAt: time(object.call_end_time),
        result: handup.includes('voicemail') ? 'voicemail' : 'missed',
      };

    case 'phone.callee_rejected':
      return {
        status: 'ended',
        startedAt,
        endedAt: time(object.call_end_time),
        result: 'rejected',
      };

    case 'phone.caller_ended':
    case 'phone.callee_ended': {
      const answeredAt = time(object.answer_start_time);

      return {
        status: 'ended',
        startedAt,
        answeredAt,
        endedAt: time(object.call_end_time),
        result: endedResult(handup, answeredAt !== null, event.event === 'phone.caller_ended'),
      };
    }
  }
}

function endedResult(handup: string, answered: boolean, outbound: boolean): CallResult {
  if (handup.includes('voicemail')) return 'voicemail';

  if (answered || handup.includes('connected')) return 'answered';

  if (handup.includes('reject')) return 'rejected';

  if (outbound && handup.includes('cancel')) return 'cancelled';

  return 'missed';
}
