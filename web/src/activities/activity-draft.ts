// The activity form's fields as the agent types them, and how they become the API's body: the
// date and clock time are read in the chosen zone (see format/zoned-time.ts).
import { instantOf, wallTimeOf } from '../format/zoned-time.js';
import type { Activity, ActivityInput, ActivityKind } from './activities.types.js';

export interface ActivityDraft {
  kind: ActivityKind;
  title: string;
  notes: string;
  contactId: string;
  date: string;
  time: string;
  timeZone: string;
  durationMinutes: string;
}

export function emptyActivityDraft(timeZone: string): ActivityDraft {
  return {
    kind: 'showing',
    title: '',
    notes: '',
    contactId: '',
    date: '',
    time: '',
    timeZone,
    durationMinutes: '30',
  };
}

export function draftFromActivity(activity: Activity, fallbackZone: string): ActivityDraft {
  const timeZone = activity.timeZone ?? fallbackZone;
  const wall = activity.startsAt ? wallTimeOf(activity.startsAt, timeZone) : { date: '', time: '' };

  return {
    kind: activity.kind,
    title: activity.title,
    notes: activity.notes ?? '',
    contactId: activity.contactId ?? '',
    date: wall.date,
    time: wall.time,
    timeZone,
    durationMinutes: activity.durationMinutes === null ? '' : String(activity.durationMinutes),
  };
}

export type DraftResult = { ok: true; input: ActivityInput } | { ok: false; message: string };

/** The body to send, or what the agent must fix first. Date and time go together or not at all. */
export function activityInput(draft: ActivityDraft): DraftResult {
  if (draft.title.trim() === '') return { ok: false, message: 'Give the activity a title.' };

  if ((draft.date === '') !== (draft.time === '')) {
    return { ok: false, message: 'Give both a date and a time, or neither.' };
  }

  let startsAt: string | null = null;

  if (draft.date !== '') {
    const instant = instantOf({ date: draft.date, time: draft.time }, draft.timeZone);

    if (!instant.ok) {
      return {
        ok: false,
        message:
          instant.reason === 'nonexistent'
            ? `${draft.time} does not happen on ${draft.date} in ${draft.timeZone} (the clocks skip it). Pick another time.`
            : 'That date, time or time zone is not valid.',
      };
    }

    startsAt = instant.iso;
  }

  const duration = draft.durationMinutes.trim() === '' ? null : Number(draft.durationMinutes);

  if (duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > 1440)) {
    return { ok: false, message: 'The length is a whole number of minutes, up to 1440.' };
  }

  return {
    ok: true,
    input: {
      kind: draft.kind,
      title: draft.title.trim(),
      notes: draft.notes.trim() === '' ? null : draft.notes,
      contactId: draft.contactId === '' ? null : draft.contactId,
      startsAt,
      timeZone: startsAt === null ? null : draft.timeZone,
      durationMinutes: duration,
    },
  };
}
