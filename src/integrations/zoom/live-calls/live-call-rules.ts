import type { CallRow } from '../../../crm/calls.repo.js';
import type { LiveCallsTable } from '../../../db/db-types.js';

/**
 * How a call looks to the agent right now, from the call row (status only moves forward,
 * crm/call-state.ts) and what the agent asked for (an end request):
 * - `ringing`: an inbound call alerting the agent (the screen-pop);
 * - `dialing`: the agent's outbound call, ringing at the other end (the banner opens);
 * - `connected`, then `ending` once Zoom accepted "End call", or `refused` when Zoom would
 *   not, and the agent must hang up in the Zoom app;
 * - `ended`: Zoom said the call is over (`*_ended`, `callee_missed`, `callee_rejected`).
 */
export type LivePhase = 'ringing' | 'dialing' | 'connected' | 'ending' | 'refused' | 'ended';

export function livePhase(
  call: Pick<CallRow, 'status' | 'direction'>,
  endState: LiveCallsTable['end_state'],
): LivePhase {
  if (call.status === 'ended') return 'ended';

  if (endState === 'refused') return 'refused';

  if (endState === 'ending') return 'ending';

  if (call.status === 'connected') return 'connected';

  return call.direction === 'outbound' ? 'dialing' : 'ringing';
}

// Zoom rings a user for well under a minute before voicemail or a miss; a ringing row older
// than this lost its end event (Zoom gives up after its retries, WEBHOOKS.md §1.6). It no
// longer pops up, and an outbound one no longer opens a banner.
export const screenPopFreshMs = 3 * 60_000;

// A call still "connected" after this long lost its ended event; it no longer opens a banner.
export const activeCallWindowMs = 6 * 3_600_000;

/** The inbound screen-pop: a fresh ringing call on the agent's own line (call-line.ts). */
export function showsScreenPop(
  call: Pick<CallRow, 'status' | 'direction' | 'started_at'>,
  live: Pick<LiveCallsTable, 'line' | 'end_state'>,
  now: number,
): boolean {
  if (livePhase(call, live.end_state) !== 'ringing' || live.line !== 'personal') return false;

  return call.started_at === null || now - call.started_at < screenPopFreshMs;
}

/**
 * A missed inbound call on the agent's own line leaves a "Call back" item, when there is a real
 * number to call back: never for hidden callers (field report 13), colleagues or the agent's
 * own number. A rejected call was the agent's choice, so it leaves none.
 */
export function deservesCallBack(
  call: Pick<CallRow, 'status' | 'direction' | 'result' | 'external_kind' | 'external_number_e164'>,
  live: Pick<LiveCallsTable, 'line'>,
): boolean {
  return (
    call.direction === 'inbound' &&
    call.status === 'ended' &&
    (call.result === 'missed' || call.result === 'voicemail') &&
    live.line === 'personal' &&
    call.external_kind === 'pstn' &&
    call.external_number_e164 !== null
  );
}

// A click on Call is tied to the outbound call Zoom reports next for that number (API.md §7:
// the URI carries no id back), if that call starts within this window around the click.
export const dialIntentBeforeMs = 2 * 60_000;
export const dialIntentAfterMs = 30_000;

/** `zoomphonecall://+1…` (API.md §7): Zoom's examples dial E.164 with the plus sign. */
export function zoomCallUri(e164: string): string {
  return `zoomphonecall://${e164}`;
}
