// The words of the banner and the screen-pop, kept apart from the markup so they are tested.
import type { Call } from '../api/api.types.js';
import { isolateBidi } from '../format/bidi-isolate.js';
import { formatTalkTime } from '../format/talk-time.js';
import { RESULT_TEXT } from '../calls/call-labels.js';
import type { LiveCallView } from './live-call.types.js';

/** Who is on the other end: the contact(s), else the number, else that it is hidden. */
export function partyName(
  call: Pick<Call, 'contacts' | 'externalNumberDisplay' | 'match'>,
): string {
  // Names go into sentences of ours ("… is calling"): an override in one must not reverse them.
  if (call.contacts.length > 0) {
    return call.contacts.map((contact) => isolateBidi(contact.name)).join(' or ');
  }

  if (call.match === 'unknown_caller' || call.externalNumberDisplay === null) {
    return 'Unknown caller';
  }

  return call.externalNumberDisplay;
}

/** The screen-pop's line: "Jordan Sample is calling", "Internal call from 1009". */
export function popText(view: LiveCallView): string {
  if (view.call.match === 'internal') {
    return `Internal call from ${view.call.externalNumberDisplay ?? 'a colleague'}`;
  }

  return `${partyName(view.call)} is calling`;
}

/** A number nobody has yet, so the pop offers to create a contact for it. */
export function offersNewContact(view: LiveCallView): boolean {
  return view.call.match === 'none' && view.call.externalNumber !== null;
}

/** Elapsed time on the banner: from pick-up once connected, from the start while dialling. */
export function elapsedSeconds(call: Pick<Call, 'startedAt' | 'answeredAt'>, now: number): number {
  const from = Date.parse(call.answeredAt ?? call.startedAt);

  return Number.isNaN(from) ? 0 : Math.max(0, Math.floor((now - from) / 1000));
}

/** What a screen reader hears when the banner changes: the phase, never the ticking timer. */
export function bannerAnnouncement(view: LiveCallView): string {
  const who = partyName(view.call);

  switch (view.phase) {
    case 'dialing':
      return `Calling ${who}`;
    case 'ringing':
    case 'connected':
      return `On a call with ${who}`;
    case 'ending':
      return `Ending the call with ${who}`;
    case 'refused':
      return 'Zoom would not end the call. Hang up in the Zoom app.';
    case 'ended':
      return `Call with ${who} ended`;
  }
}

export function bannerText(view: LiveCallView, now: number): string {
  const who = partyName(view.call);
  const timer = formatTalkTime(elapsedSeconds(view.call, now));

  switch (view.phase) {
    case 'dialing':
      return `Calling ${who}… ${timer}`;
    case 'ringing':
    case 'connected':
      return `On a call with ${who} · ${timer}`;
    case 'ending':
      return `Ending the call with ${who}…`;
    case 'refused':
      return `Zoom would not end the call from 1Thing. Hang up in the Zoom app (${who}, ${timer}).`;
    case 'ended': {
      const result = view.call.result ? RESULT_TEXT[view.call.result] : 'Ended';
      const talk =
        view.call.talkSeconds === null ? '' : `, ${formatTalkTime(view.call.talkSeconds)}`;

      return `Call with ${who} ended: ${result}${talk}. It is in the call history.`;
    }
  }
}
