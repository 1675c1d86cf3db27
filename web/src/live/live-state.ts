// The live calls a tab knows about, fed by the event stream. Pure, so its rules are tested
// alone: a call only moves forward (an older view never replaces a newer one, whatever order
// the events come in), and what the agent closed in this tab stays closed.
import type { LivePhase, LiveCallView } from './live-call.types.js';

export interface TrackedCall {
  view: LiveCallView;
  /** The banner was up for it in this tab, so its end is worth a short "call ended" note. */
  wasLive: boolean;
  /** The agent closed its pop or its banner here. */
  hidden: boolean;
}

export interface LiveState {
  calls: Record<string, TrackedCall>;
}

export const emptyLiveState: LiveState = { calls: {} };

const RANK: Record<LivePhase, number> = {
  ringing: 1,
  dialing: 1,
  connected: 2,
  ending: 3,
  refused: 3,
  ended: 4,
};

const BANNER_PHASES: ReadonlySet<LivePhase> = new Set([
  'dialing',
  'connected',
  'ending',
  'refused',
]);

function opensBanner(view: LiveCallView): boolean {
  return BANNER_PHASES.has(view.phase);
}

/** One view from a `call` event or an API answer. */
export function applyView(state: LiveState, view: LiveCallView): LiveState {
  const known = state.calls[view.call.id];

  if (known && RANK[known.view.phase] > RANK[view.phase]) return state;

  return {
    calls: {
      ...state.calls,
      [view.call.id]: {
        view,
        wasLive: (known?.wasLive ?? false) || opensBanner(view),
        hidden: known?.hidden ?? false,
      },
    },
  };
}

/** A fresh stream's snapshot: the whole live state now, keeping what this tab closed. */
export function applySnapshot(state: LiveState, views: LiveCallView[]): LiveState {
  const calls: Record<string, TrackedCall> = {};

  for (const view of views) {
    const known = state.calls[view.call.id];

    calls[view.call.id] = {
      view,
      wasLive: (known?.wasLive ?? false) || opensBanner(view),
      hidden: known?.hidden ?? false,
    };
  }

  // A call that ended while the stream was down still gets its note, if the snapshot has it.
  for (const [id, known] of Object.entries(state.calls)) {
    if (!calls[id] && known.wasLive && !known.hidden && known.view.phase !== 'ended') {
      calls[id] = { ...known, view: { ...known.view, phase: 'ended', canEnd: false } };
    }
  }

  return { calls };
}

export function hideCall(state: LiveState, callId: string): LiveState {
  const known = state.calls[callId];

  if (!known) return state;

  return { calls: { ...state.calls, [callId]: { ...known, hidden: true } } };
}

const newestFirst = (a: TrackedCall, b: TrackedCall) =>
  Date.parse(b.view.call.startedAt) - Date.parse(a.view.call.startedAt);

/** The banner: calls in progress, and ones that just ended while the banner was up. */
export function bannerCalls(state: LiveState): LiveCallView[] {
  return Object.values(state.calls)
    .filter(
      (tracked) =>
        !tracked.hidden &&
        (opensBanner(tracked.view) || (tracked.view.phase === 'ended' && tracked.wasLive)),
    )
    .sort(newestFirst)
    .map((tracked) => tracked.view);
}

/** The screen-pop: inbound calls ringing on the agent's own line. */
export function screenPops(state: LiveState): LiveCallView[] {
  return Object.values(state.calls)
    .filter(
      (tracked) => !tracked.hidden && tracked.view.phase === 'ringing' && tracked.view.screenPop,
    )
    .sort(newestFirst)
    .map((tracked) => tracked.view);
}

/** Missed calls still waiting for a call back. */
export function callBackItems(state: LiveState): LiveCallView[] {
  return Object.values(state.calls)
    .filter((tracked) => tracked.view.callBack === 'open')
    .sort(newestFirst)
    .map((tracked) => tracked.view);
}
