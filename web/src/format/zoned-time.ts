// An activity is planned as a date and a clock time in a time zone (the agent's, or the
// client's). These turn that into the instant the server stores, and back, with the zone's
// rules for that date, so a showing booked across a DST change keeps its clock time.

export interface WallTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
}

export type InstantResult =
  { ok: true; iso: string } | { ok: false; reason: 'invalid' | 'nonexistent' };

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);

  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, found);
  }

  return found;
}

/** The date and clock time an instant shows in `timeZone`. */
export function wallTimeOf(instant: string | number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};

  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    parts[part.type] = part.value;
  }

  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/**
 * The instant at which clocks in `timeZone` show `date` `time`. A time skipped by a
 * spring-forward change does not exist and is refused; a time that happens twice (fall back)
 * is the first of the two.
 */
export function instantOf(wall: WallTime, timeZone: string): InstantResult {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(wall.time);

  if (!dateMatch || !timeMatch || !isTimeZone(timeZone)) return { ok: false, reason: 'invalid' };

  const asUtc = Date.UTC(
    Number(dateMatch[1]),
    Number(dateMatch[2]) - 1,
    Number(dateMatch[3]),
    Number(timeMatch[1]),
    Number(timeMatch[2]),
  );

  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 10) !== wall.date) {
    return { ok: false, reason: 'invalid' };
  }

  // The zone's offset a day either side of the date covers both offsets of any change.
  const offsets = [offsetAt(asUtc - DAY_MS, timeZone), offsetAt(asUtc + DAY_MS, timeZone)];
  const candidates = offsets
    .map((offset) => asUtc - offset)
    .filter((candidate) => {
      const shown = wallTimeOf(candidate, timeZone);

      return shown.date === wall.date && shown.time === wall.time;
    })
    .sort((a, b) => a - b);
  const first = candidates[0];

  if (first === undefined) return { ok: false, reason: 'nonexistent' };

  return { ok: true, iso: new Date(first).toISOString() };
}

function offsetAt(instant: number, timeZone: string): number {
  const wall = wallTimeOf(instant, timeZone);
  const [hours, minutes] = wall.time.split(':').map(Number);
  const [year, month, day] = wall.date.split('-').map(Number);
  const shownAsUtc = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hours ?? 0, minutes ?? 0);

  return shownAsUtc - Math.floor(instant / 60_000) * 60_000;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });

    return true;
  } catch {
    return false;
  }
}

/** The browser's own zone, the form's starting choice. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA zone the browser knows, for the form's list. */
export function knownTimeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;

  return supported ? supported('timeZone') : [browserTimeZone()];
}

/** `Tue, Jul 14, 2026, 5:00 PM` as clocks show it in `timeZone` (the browser's when absent). */
export function formatInZone(instant: string, timeZone: string | null): string {
  const date = new Date(instant);

  if (Number.isNaN(date.getTime())) return instant;

  return new Intl.DateTimeFormat(undefined, {
    ...(timeZone && isTimeZone(timeZone) && { timeZone }),
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}
