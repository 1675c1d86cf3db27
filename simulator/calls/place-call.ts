// Acts out one call: records it, writes its call-history rows, and queues its events for
// delivery in order. The rows exist as soon as the call does, so a test can read the history
// without waiting for webhooks.
import type { SimulatorContext } from '../context.js';
import { callId as newCallId } from '../state/ids.js';
import type { SimUser } from '../state/users.store.js';
import type { OutgoingEvent } from '../webhooks/webhook.dispatcher.js';
import { phoneCallEvent } from './call-events.js';
import { callHistoryRows } from './call-history.items.js';
import { type CallRequest, planCall } from './call-plan.js';
import type { PhoneCallEvent, SimCall } from './call.types.js';

export function placeCall(ctx: SimulatorContext, agent: SimUser, request: CallRequest): SimCall {
  const { state } = ctx;
  let callId = newCallId();

  while (state.calls.has(callId)) {
    callId = newCallId();
  }

  const call = planCall(agent, request, callId, state.now());

  state.calls.add(call);
  state.history.add(agent.zoomUserId, {
    startMs: call.timeline.ringingStart,
    ...callHistoryRows(call),
  });
  ctx.dispatcher.enqueue(
    call.callId,
    call.sequence.map((event) => outgoing(ctx, call, event)),
  );

  return call;
}

/** Sends one event of a past call again, freshly built and signed (Zoom's retries differ too). */
export function resendEvent(ctx: SimulatorContext, call: SimCall, event: PhoneCallEvent): void {
  ctx.dispatcher.enqueue(call.callId, [outgoing(ctx, call, event)]);
}

function outgoing(ctx: SimulatorContext, call: SimCall, event: PhoneCallEvent): OutgoingEvent {
  return {
    event,
    callId: call.callId,
    body: () => phoneCallEvent(call, event, ctx.state.now()),
  };
}
