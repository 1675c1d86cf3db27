// The words a call row uses. Kept apart from the markup so the rules (what counts as "In
// progress", when a caller is "Unknown") are stated once and tested.
import type { Call, CallDirection, CallResult } from '../api/api.types.js';

const DIRECTIONS: Record<CallDirection, { text: string; icon: string }> = {
  inbound: { text: 'Inbound', icon: '↙' },
  outbound: { text: 'Outbound', icon: '↗' },
};

export const RESULT_TEXT: Record<CallResult, string> = {
  answered: 'Answered',
  missed: 'Missed',
  rejected: 'Rejected',
  voicemail: 'Voicemail',
  cancelled: 'Cancelled',
};

export function directionText(direction: CallDirection): string {
  return DIRECTIONS[direction].text;
}

export function directionIcon(direction: CallDirection): string {
  return DIRECTIONS[direction].icon;
}

/** The result, or "In progress" while Zoom has not reported how the call ended. */
export function resultText(call: Pick<Call, 'result' | 'status'>): string {
  if (call.result !== null) return RESULT_TEXT[call.result];

  return call.status === 'ended' ? 'Ended' : 'In progress';
}

/** The other party's number as Zoom showed it; a hidden caller ID has none. */
export function numberText(call: Pick<Call, 'externalNumberDisplay'>): string {
  return call.externalNumberDisplay ?? 'Unknown caller';
}

/** What stands in the contact column when the call links to no contact; null when it does. */
export function unlinkedText(call: Pick<Call, 'match' | 'contacts'>): string | null {
  if (call.match === 'unknown_caller') return 'Unknown caller';
  if (call.match === 'internal') return 'Internal call';
  if (call.match === 'none' || call.contacts.length === 0) return 'Unknown number';

  return null;
}
