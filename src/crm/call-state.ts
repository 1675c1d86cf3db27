/**
 * How one Zoom call's record evolves as its events arrive, in any order and any number of
 * times (WEBHOOKS.md §1.7-1.8). Every field only moves forward: status by rank, times are
 * filled once, and a result that says the call was answered outranks one that says it was not.
 * So a late `callee_ringing` can never reopen an ended call, and a replay changes nothing.
 */
export type CallStatus = 'ringing' | 'connected' | 'ended';
export type CallResult = 'answered' | 'voicemail' | 'rejected' | 'missed' | 'cancelled';

export interface CallState {
  status: CallStatus;
  result: CallResult | null;
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
}

export type CallObservation = Partial<CallState> & { status: CallStatus };

const statusRank: Record<CallStatus, number> = { ringing: 1, connected: 2, ended: 3 };
const resultRank: Record<CallResult, number> = {
  cancelled: 1,
  missed: 2,
  rejected: 3,
  voicemail: 4,
  answered: 5,
};

const earliest = (a: number | null | undefined, b: number | null | undefined) =>
  a == null ? (b ?? null) : b == null ? a : Math.min(a, b);

export function mergeCallState(current: CallState | null, seen: CallObservation): CallState {
  if (!current) {
    return settle({
      status: seen.status,
      result: seen.result ?? null,
      startedAt: seen.startedAt ?? null,
      answeredAt: seen.answeredAt ?? null,
      endedAt: seen.endedAt ?? null,
    });
  }

  const status =
    statusRank[seen.status] > statusRank[current.status] ? seen.status : current.status;
  const result =
    seen.result && (!current.result || resultRank[seen.result] > resultRank[current.result])
      ? seen.result
      : current.result;

  return settle({
    status,
    result,
    startedAt: earliest(current.startedAt, seen.startedAt),
    answeredAt: earliest(current.answeredAt, seen.answeredAt),
    endedAt: current.endedAt ?? seen.endedAt ?? null,
  });
}

/**
 * An ended call that was picked up was answered, whatever an ended event without an answer
 * time guessed (callee_ended may omit both answer_start_time and handup_result). Voicemail,
 * which also "picks up", keeps its own, higher-ranked result.
 */
function settle(state: CallState): CallState {
  const pickedUp = state.answeredAt !== null && state.status === 'ended';

  if (pickedUp && (state.result === null || resultRank[state.result] < resultRank.voicemail)) {
    return { ...state, result: 'answered' };
  }

  return state;
}

/** Talk time as agents mean it: from answer to hang-up, whole seconds. */
export function talkSeconds(state: CallState): number | null {
  if (state.answeredAt == null || state.endedAt == null) return null;

  return Math.max(0, Math.round((state.endedAt - state.answeredAt) / 1000));
}
