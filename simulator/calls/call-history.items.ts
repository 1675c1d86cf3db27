// The call-history rows Zoom shows the agent after a call: one in the transitional `call_logs`
// array and one in `call_elements` (API.md §5.2). Field names and enums follow the 200 schema of
// GET /phone/users/{userId}/call_history in shared/zoom/openapi/phone-api.json.
import { dayPrefixedId } from '../state/ids.js';
import { zoomTime } from '../state/zoom-time.js';
import type { CallDirection, CallOutcome, SimCall } from './call.types.js';

export type CallHistoryFields = Record<string, string | number | boolean>;

export interface CallHistoryRows {
  callLog: CallHistoryFields;
  callElement: CallHistoryFields;
}

// Outbound calls that connect are "connected" in Zoom's result enum, inbound ones "answered".
const RESULTS: Record<CallDirection, Record<CallOutcome, string>> = {
  inbound: {
    answered: 'answered',
    missed: 'no_answer',
    rejected: 'rejected',
    voicemail: 'voicemail',
  },
  outbound: {
    answered: 'connected',
    missed: 'no_answer',
    rejected: 'rejected',
    voicemail: 'voicemail',
  },
};

export function callHistoryRows(call: SimCall): CallHistoryRows {
  const historyId = dayPrefixedId(call.timeline.ringingStart);
  const shared = sharedFields(call);

  return {
    callLog: { id: historyId, ...shared },
    callElement: {
      call_element_id: dayPrefixedId(call.timeline.ringingStart),
      call_history_uuid: historyId,
      ...shared,
    },
  };
}

function historyResult(direction: CallDirection, outcome: CallOutcome): string {
  return RESULTS[direction][outcome];
}

function sharedFields(call: SimCall): CallHistoryFields {
  const { ringingStart, answer, end } = call.timeline;
  const inbound = call.direction === 'inbound';
  const agent = prefixed(inbound ? 'callee' : 'caller', agentFields(call));
  const external = prefixed(inbound ? 'caller' : 'callee', externalFields(call));
  const times: CallHistoryFields = { start_time: zoomTime(ringingStart), end_time: zoomTime(end) };

  if (answer !== undefined) {
    times.answer_time = zoomTime(answer);
  }

  return {
    call_id: call.callId,
    connect_type: 'external',
    call_type: 'general',
    direction: call.direction,
    hide_caller_id: inbound && call.external.hidden,
    end_to_end: false,
    ...(inbound ? external : agent),
    ...(inbound ? agent : external),
    ...times,
    event: inbound ? 'incoming' : 'outgoing',
    result: historyResult(call.direction, call.outcome),
    talk_time: answer === undefined ? 0 : Math.round((end - answer) / 1000),
    hold_time: 0,
    wait_time: inbound ? call.ringSeconds : 0,
  };
}

function agentFields(call: SimCall): CallHistoryFields {
  const { agent } = call;

  return {
    ext_id: agent.extensionId,
    name: `${agent.firstName} ${agent.lastName}`,
    email: agent.email,
    did_number: agent.phoneNumber,
    ext_number: String(agent.extensionNumber),
    ext_type: 'user',
    number_type: 'zoom_pstn',
  };
}

// A hidden caller keeps no number; Zoom's enum has a number type for exactly that case.
function externalFields(call: SimCall): CallHistoryFields {
  const { number, name, hidden } = call.external;

  if (hidden) {
    return { name: name ?? 'Anonymous', number_type: 'anonymous_number' };
  }

  const fields: CallHistoryFields = { name: name ?? number ?? '', number_type: 'external_pstn' };

  if (number !== undefined) {
    fields.did_number = number;
  }

  return fields;
}

function prefixed(side: 'caller' | 'callee', fields: CallHistoryFields): CallHistoryFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [`${side}_${key}`, value]),
  );
}
