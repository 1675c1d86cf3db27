// Builds the webhook body of one Zoom Phone call event. Each side of the call carries exactly
// the members that event's schema lists in shared/zoom/openapi/phone-webhooks.json
// (summarised in WEBHOOKS.md §3.0), so a receiver cannot come to rely on fields Zoom never sends.
import { createHash } from 'node:crypto';

import type { SimUser } from '../state/users.store.js';
import { zoomTime } from '../state/zoom-time.js';
import type { PhoneCallEvent, SimCall } from './call.types.js';

type PartyField =
  | 'extension_id'
  | 'extension_type'
  | 'user_id'
  | 'name'
  | 'phone_number'
  | 'extension_number'
  | 'timezone'
  | 'device_type'
  | 'device_name'
  | 'device_id'
  | 'connection_type';

export type CallParty = Partial<Record<PartyField, string | number>>;

export interface PhoneCallEventBody {
  event: PhoneCallEvent;
  payload: {
    account_id: string;
    object: { call_id: string; caller: CallParty; callee: CallParty } & Record<string, unknown>;
  };
  event_ts: number;
}

const AGENT_CALLING = ['extension_id', 'extension_type', 'user_id', 'phone_number'] as const;
const DEVICE = ['device_type', 'device_name', 'device_id'] as const;
const TAIL = ['extension_number', 'timezone', 'connection_type'] as const;

// The agent's side per event: caller for caller_* events, callee for callee_* events.
const AGENT_FIELDS: Record<PhoneCallEvent, readonly PartyField[]> = {
  'phone.caller_ringing': [...AGENT_CALLING, 'name', ...TAIL, ...DEVICE],
  'phone.caller_connected': [...AGENT_CALLING, 'name', ...TAIL, 'device_type', 'device_id'],
  'phone.caller_ended': [...AGENT_CALLING, ...TAIL, 'device_id'],
  'phone.callee_ringing': [...AGENT_CALLING, 'name', ...TAIL, ...DEVICE],
  'phone.callee_answered': [...AGENT_CALLING, 'name', ...TAIL, ...DEVICE],
  'phone.callee_missed': [...AGENT_CALLING, ...TAIL, 'device_id'],
  'phone.callee_ended': [...AGENT_CALLING, 'name', ...TAIL, 'device_name', 'device_id'],
  'phone.callee_rejected': [...AGENT_CALLING, ...TAIL, 'device_id'],
};

const PSTN_NAMED = [
  'extension_type',
  'name',
  'phone_number',
  'extension_number',
  'connection_type',
];
const PSTN_UNNAMED = ['extension_type', 'phone_number', 'extension_number', 'connection_type'];

// The PSTN side per event. Only these two events require its phone_number.
const EXTERNAL_FIELDS: Record<PhoneCallEvent, readonly string[]> = {
  'phone.caller_ringing': PSTN_NAMED,
  'phone.caller_connected': PSTN_NAMED,
  'phone.caller_ended': PSTN_UNNAMED,
  'phone.callee_ringing': PSTN_NAMED,
  'phone.callee_answered': PSTN_NAMED,
  'phone.callee_missed': PSTN_UNNAMED,
  'phone.callee_ended': PSTN_UNNAMED,
  'phone.callee_rejected': PSTN_UNNAMED,
};

const EXTERNAL_NUMBER_REQUIRED = new Set<PhoneCallEvent>([
  'phone.callee_missed',
  'phone.callee_rejected',
]);

export function phoneCallEvent(
  call: SimCall,
  event: PhoneCallEvent,
  eventTs: number,
): PhoneCallEventBody {
  const agent = pick(agentParty(call.agent), AGENT_FIELDS[event]);
  const external = pick(externalParty(call, event), EXTERNAL_FIELDS[event]);
  const agentCalls = event.startsWith('phone.caller_');

  return {
    event,
    payload: {
      account_id: call.agent.accountId,
      object: {
        call_id: call.callId,
        caller: agentCalls ? agent : external,
        callee: agentCalls ? external : agent,
        ...timeFields(call, event),
      },
    },
    event_ts: eventTs,
  };
}

function agentParty(agent: SimUser): CallParty {
  return {
    extension_id: agent.extensionId,
    extension_type: 'user',
    user_id: agent.zoomUserId,
    name: `${agent.firstName} ${agent.lastName}`,
    phone_number: agent.phoneNumber,
    extension_number: agent.extensionNumber,
    timezone: agent.timezone,
    device_type: 'MAC_Client(6.3.10.61238)',
    device_name: 'Zoom simulator client',
    device_id: deviceId(agent),
    connection_type: 'voip',
  };
}

function externalParty(call: SimCall, event: PhoneCallEvent): CallParty {
  const { number, name, hidden } = call.external;
  const party: CallParty = { extension_type: 'pstn', connection_type: 'pstn_off_net' };

  if (name !== undefined) {
    party.name = name;
  }

  if (!hidden && number !== undefined) {
    party.phone_number = number;
  } else if (EXTERNAL_NUMBER_REQUIRED.has(event)) {
    party.phone_number = number ?? 'anonymous';
  }

  // Zoom's own examples put a PSTN party's digits into extension_number (WEBHOOKS.md §3.0).
  if (!hidden && number !== undefined && /^\+?\d{7,15}$/.test(number)) {
    party.extension_number = Number(number.replace('+', ''));
  }

  return party;
}

function timeFields(call: SimCall, event: PhoneCallEvent): Record<string, string> {
  const { ringingStart, answer, end } = call.timeline;
  const pickup = zoomTime(answer ?? ringingStart + call.ringSeconds * 1000);
  const fields: Record<string, string> = { ringing_start_time: zoomTime(ringingStart) };

  switch (event) {
    case 'phone.caller_connected':
      fields.connected_start_time = pickup;
      break;
    case 'phone.callee_answered':
      fields.answer_start_time = pickup;
      break;
    case 'phone.caller_ended':
    case 'phone.callee_ended':
      if (answer !== undefined) {
        fields.answer_start_time = pickup;
      }

      fields.call_end_time = zoomTime(end);
      break;
    case 'phone.callee_missed':
    case 'phone.callee_rejected':
      fields.call_end_time = zoomTime(end);
      break;
  }

  const handup = handupResult(call, event);

  if (handup) {
    fields.handup_result = handup;
  }

  return fields;
}

// Values from each schema's handup_result description; callee_ended's schema has none.
function handupResult(call: SimCall, event: PhoneCallEvent): string | undefined {
  if (event === 'phone.callee_missed') {
    return 'No Answer';
  }

  if (event === 'phone.callee_rejected') {
    return 'Rejected';
  }

  if (event !== 'phone.caller_ended') {
    return undefined;
  }

  if (call.outcome === 'answered') {
    return 'Call connected';
  }

  return call.outcome === 'voicemail' ? 'Voicemail' : 'Call Cancel';
}

function pick(party: CallParty, fields: readonly string[]): CallParty {
  return Object.fromEntries(
    Object.entries(party).filter(([field]) => fields.includes(field)),
  ) as CallParty;
}

// Stable per user, like one desktop client that stays signed in.
function deviceId(agent: SimUser): string {
  return createHash('sha256').update(agent.extensionId).digest('base64url').slice(0, 22);
}
