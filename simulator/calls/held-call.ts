// A call that stays open until someone ends it: it rings (and may be answered) now, and its end
// events go out only on hang-up, from the control API or from the app's call command. Its
// call-history rows are written when it ends, with the times it really had.
import type { SimulatorContext } from '../context.js';
import { callId as newCallId } from '../state/ids.js';
import { type Forwarding, type HeldCall, heldCallsOf } from '../state/held-calls.store.js';
import type { SimUser } from '../state/users.store.js';
import { wholeSeconds } from '../state/zoom-time.js';
import { phoneCallEvent } from './call-events.js';
import { callHistoryRows } from './call-history.items.js';
import type { CallDirection, PhoneCallEvent, SimCall } from './call.types.js';
import { withForwarding } from './forwarding.js';

export interface HeldCallRequest {
  direction: CallDirection;
  externalNumber?: string;
  externalName?: string;
  /** `connected`: picked up at once (the demo's outbound call); `ringing`: left alerting. */
  state: 'ringing' | 'connected';
  via?: Forwarding;
}

const EVENTS: Record<
  CallDirection,
  Record<'ringing' | 'answer' | 'ended' | 'gaveUp', PhoneCallEvent>
> = {
  inbound: {
    ringing: 'phone.callee_ringing',
    answer: 'phone.callee_answered',
    ended: 'phone.callee_ended',
    gaveUp: 'phone.callee_missed',
  },
  outbound: {
    ringing: 'phone.caller_ringing',
    answer: 'phone.caller_connected',
    ended: 'phone.caller_ended',
    gaveUp: 'phone.caller_ended',
  },
};

export function startHeldCall(
  ctx: SimulatorContext,
  agent: SimUser,
  request: HeldCallRequest,
): HeldCall {
  const store = heldCallsOf(ctx.state);
  let callId = newCallId();

  while (ctx.state.calls.has(callId)) {
    callId = newCallId();
  }

  const ringingStart = wholeSeconds(ctx.state.now());
  const number = request.externalNumber;
  const hidden = number === undefined || number === '' || number.toLowerCase() === 'anonymous';
  const call: SimCall = {
    callId,
    agent: { ...agent },
    direction: request.direction,
    outcome: 'answered',
    external: { number, name: request.externalName, hidden },
    ringSeconds: 0,
    timeline: { ringingStart, end: ringingStart },
    sequence: [],
  };
  const held: HeldCall = {
    call,
    state: 'ringing',
    ...(request.direction === 'inbound' && request.via && { via: request.via }),
  };

  store.add(held);
  ctx.state.calls.add(call);
  send(ctx, held, EVENTS[call.direction].ringing);

  if (request.state === 'connected') {
    answerHeldCall(ctx, held);
  }

  return held;
}

export function answerHeldCall(ctx: SimulatorContext, held: HeldCall): void {
  const { call } = held;
  const answer = Math.max(wholeSeconds(ctx.state.now()), call.timeline.ringingStart);

  call.timeline.answer = answer;
  call.ringSeconds = Math.round((answer - call.timeline.ringingStart) / 1000);
  held.state = 'connected';
  send(ctx, held, EVENTS[call.direction].answer);
}

/** Ends the call: a connected call ends normally; a ringing one was missed or cancelled. */
export function hangUpHeldCall(ctx: SimulatorContext, held: HeldCall): void {
  const { call } = held;
  const connected = held.state === 'connected';
  const end = Math.max(
    wholeSeconds(ctx.state.now()),
    call.timeline.answer ?? call.timeline.ringingStart,
  );

  call.timeline.end = end;
  call.outcome = connected ? 'answered' : 'missed';

  if (!connected) {
    call.ringSeconds = Math.round((end - call.timeline.ringingStart) / 1000);
  }

  held.state = 'ended';
  send(ctx, held, EVENTS[call.direction][connected ? 'ended' : 'gaveUp']);
  ctx.state.history.add(call.agent.zoomUserId, {
    startMs: call.timeline.ringingStart,
    ...callHistoryRows(call),
  });
}

// The body is built from a copy taken now: a later answer or hang-up must not change what an
// earlier event says, even if that event is still waiting for its turn to be sent.
function send(ctx: SimulatorContext, held: HeldCall, event: PhoneCallEvent): void {
  const snapshot = structuredClone(held.call);
  const via = held.via;

  held.call.sequence.push(event);
  ctx.dispatcher.enqueue(held.call.callId, [
    {
      event,
      callId: held.call.callId,
      body: () => withForwarding(phoneCallEvent(snapshot, event, ctx.state.now()), via),
    },
  ]);
}
