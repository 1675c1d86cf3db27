/**
 * How an activity's instant is written for Zoom. Zoom reads `start_time` either as UTC (with
 * `Z`) or as wall-clock time in `timezone` (API.md §3); writing UTC digits without the `Z`
 * next to a zone moves the meeting by the zone's offset (field report 6). With a zone we send
 * wall-clock time in it, taken from the IANA rules for that very date, so a meeting across a
 * DST change keeps its hour; without one, UTC with `Z` and no `timezone`.
 */
export function zoomStartTime(
  instantMs: number,
  timeZone: string | null,
): { start_time: string; timezone?: string } {
  if (!timeZone) return { start_time: utcSeconds(instantMs) };

  const local = wallClock(instantMs, timeZone);

  // In the hour a DST change repeats (Lord Howe shifts by 30 minutes), one wall-clock time is
  // two instants and Zoom could pick the other; there only UTC says exactly which.
  const ambiguous = [-3_600_000, -1_800_000, 1_800_000, 3_600_000].some(
    (shift) => wallClock(instantMs + shift, timeZone) === local,
  );

  if (ambiguous) return { start_time: utcSeconds(instantMs) };

  return { start_time: local, timezone: timeZone };
}

/** `2026-07-14T15:00:00Z`: Zoom's UTC form, whole seconds. */
export function utcSeconds(instantMs: number): string {
  return new Date(Math.floor(instantMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);

  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }

  return formatter;
}

/** `2026-07-14T17:00:00`: the instant's date and time on a clock in `timeZone`. */
export function wallClock(instantMs: number, timeZone: string): string {
  const parts: Record<string, string> = {};

  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    parts[part.type] = part.value;
  }

  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
