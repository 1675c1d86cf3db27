// One simulated Zoom Phone call, as the control API describes it and the events and call
// history are later derived from it.
import type { SimUser } from '../state/users.store.js';

export const PHONE_CALL_EVENTS = [
  'phone.caller_ringing',
  'phone.caller_connected',
  'phone.caller_ended',
  'phone.callee_ringing',
  'phone.callee_answered',
  'phone.callee_missed',
  'phone.callee_ended',
  'phone.callee_rejected',
] as const;

export type PhoneCallEvent = (typeof PHONE_CALL_EVENTS)[number];

export type CallDirection = 'inbound' | 'outbound';

export type CallOutcome = 'answered' | 'missed' | 'rejected' | 'voicemail';

/** The party outside Zoom: a PSTN number, or a caller who hid it. */
export interface ExternalParty {
  /** What the caller-ID network delivered, verbatim; absent when nothing was delivered. */
  number?: string;
  name?: string;
  hidden: boolean;
}

/** Moments of the call in ms, whole seconds; `answer` only when someone picked up. */
export interface CallTimeline {
  ringingStart: number;
  answer?: number;
  end: number;
}

export interface SimCall {
  callId: string;
  /** A copy of the agent as they were when the call happened. */
  agent: SimUser;
  direction: CallDirection;
  outcome: CallOutcome;
  external: ExternalParty;
  ringSeconds: number;
  timeline: CallTimeline;
  sequence: PhoneCallEvent[];
}

/** Outbound calls raise caller events, inbound calls callee events (WEBHOOKS.md §3.0). */
export function eventsFor(direction: CallDirection): PhoneCallEvent[] {
  const family = direction === 'outbound' ? 'phone.caller_' : 'phone.callee_';

  return PHONE_CALL_EVENTS.filter((event) => event.startsWith(family));
}
