// Turns a control-API request into a call: its timeline, its events in order, and what Zoom
// would write into handup_result and the call-history result.
import type { SimUser } from '../state/users.store.js';
import { wholeSeconds } from '../state/zoom-time.js';
import type {
  CallDirection,
  CallOutcome,
  ExternalParty,
  PhoneCallEvent,
  SimCall,
} from './call.types.js';

export interface CallRequest {
  direction: CallDirection;
  outcome: CallOutcome;
  externalNumber?: string;
  externalName?: string;
  talkSeconds?: number;
  ringSeconds?: number;
  sequence?: PhoneCallEvent[];
}

// WEBHOOKS.md §3.0. Voicemail reaches an inbound agent as a missed call: the schema of
// phone.callee_missed allows no "Voicemail" handup result. Outbound, the far end's voicemail
// picks up, so the call connects and caller_ended says "Voicemail".
const SEQUENCES: Record<CallDirection, Record<CallOutcome, PhoneCallEvent[]>> = {
  inbound: {
    answered: ['phone.callee_ringing', 'phone.callee_answered', 'phone.callee_ended'],
    missed: ['phone.callee_ringing', 'phone.callee_missed'],
    rejected: ['phone.callee_ringing', 'phone.callee_rejected'],
    voicemail: ['phone.callee_ringing', 'phone.callee_missed'],
  },
  outbound: {
    answered: ['phone.caller_ringing', 'phone.caller_connected', 'phone.caller_ended'],
    missed: ['phone.caller_ringing', 'phone.caller_ended'],
    rejected: ['phone.caller_ringing', 'phone.caller_ended'],
    voicemail: ['phone.caller_ringing', 'phone.caller_connected', 'phone.caller_ended'],
  },
};

export function defaultSequence(direction: CallDirection, outcome: CallOutcome): PhoneCallEvent[] {
  return [...SEQUENCES[direction][outcome]];
}

/** True when a person or a voicemail box picked the call up. */
export function connects(direction: CallDirection, outcome: CallOutcome): boolean {
  return outcome === 'answered' || (direction === 'outbound' && outcome === 'voicemail');
}

/** The call starts ringing at `now` (whole seconds) and its other moments follow from it. */
export function planCall(
  agent: SimUser,
  request: CallRequest,
  callId: string,
  now: number,
): SimCall {
  const ringSeconds = request.ringSeconds ?? 5;
  const talkSeconds = request.talkSeconds ?? 60;
  const ringingStart = wholeSeconds(now);
  const pickedUp = ringingStart + ringSeconds * 1000;
  const connected = connects(request.direction, request.outcome);

  return {
    callId,
    agent: { ...agent },
    direction: request.direction,
    outcome: request.outcome,
    external: externalParty(request),
    ringSeconds,
    timeline: {
      ringingStart,
      answer: connected ? pickedUp : undefined,
      end: connected ? pickedUp + talkSeconds * 1000 : pickedUp,
    },
    sequence: request.sequence ?? defaultSequence(request.direction, request.outcome),
  };
}

// Field report 13: hidden callers arrive with no number, "" or "anonymous".
function externalParty(request: CallRequest): ExternalParty {
  const number = request.externalNumber;
  const hidden = number === undefined || number === '' || number.toLowerCase() === 'anonymous';

  return { number, name: request.externalName, hidden };
}
