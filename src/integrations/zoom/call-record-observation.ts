import type { CallObservation, CallResult } from '../../crm/call-state.js';
import type { CallParty } from '../../webhooks/phone-call-event.schema.js';
import type { CallHistoryRecord } from '../../webhooks/call-history-event.schema.js';

const time = (value: string | undefined): number | null => {
  const ms = value ? Date.parse(value) : Number.NaN;

  return Number.isNaN(ms) ? null : ms;
};

// Zoom's call-history `result` enum (phone-api.json, call history items), folded into ours.
const answeredResults = new Set(['answered', 'accepted', 'picked_up', 'connected', 'succeeded']);
const rejectedResults = new Set(['rejected', 'busy']);

export function recordResult(result: string, direction: 'inbound' | 'outbound'): CallResult {
  if (answeredResults.has(result)) return 'answered';

  if (result === 'voicemail') return 'voicemail';

  if (rejectedResults.has(result)) return 'rejected';

  if (direction === 'outbound' && (result === 'canceled' || result === 'hang_up')) {
    return 'cancelled';
  }

  return 'missed';
}

/** What a finished call-history record says about the call: it is over, with Zoom's times. */
export function observeCallRecord(
  record: CallHistoryRecord,
  direction: 'inbound' | 'outbound',
): CallObservation {
  return {
    status: 'ended',
    startedAt: time(record.start_time),
    answeredAt: time(record.answer_time),
    endedAt: time(record.end_time),
    result: recordResult(record.result, direction),
  };
}

/**
 * The other party of a call-history record, in the shape of a call event's party so one rule
 * decides who may be matched. Zoom's `*_ext_type` names internal parties; `external_contact`
 * is an outside number saved in Zoom, so it is treated as PSTN.
 */
export function otherPartyOfRecord(
  record: CallHistoryRecord,
  direction: 'inbound' | 'outbound',
): CallParty {
  const side = direction === 'inbound' ? 'caller' : 'callee';
  const extType = record[`${side}_ext_type`];
  const numberType = record[`${side}_number_type`];
  const internal =
    record.connect_type === 'internal' || (extType !== undefined && extType !== 'external_contact');
  const number = numberType === 'anonymous_number' ? undefined : record[`${side}_did_number`];
  const name = record[`${side}_name`];
  const extension = record[`${side}_ext_number`];

  return {
    ...(name && { name }),
    ...(number && { phone_number: number }),
    ...(internal && { extension_type: extType ?? 'user' }),
    ...(internal && extension && { extension_number: extension }),
  };
}
