// How Zoom reads a meeting's `start_time` (API.md §3): with a trailing `Z` it is UTC; without,
// it is wall-clock time in `timezone`, or in the host's zone when none is given. The simulator
// works this out on its own, with its own code, so an app that mixes the two forms (field
// report 6) gets the wrong instant back here just as it would from Zoom.

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });

    return true;
  } catch {
    return false;
  }
}

/** The instant Zoom schedules for this `start_time` and zone, or undefined if unreadable. */
export function zoomInstant(startTime: string, timeZone: string): number | undefined {
  if (UTC.test(startTime)) {
    const ms = Date.parse(startTime);

    return Number.isNaN(ms) ? undefined : ms;
  }

  const match = LOCAL.exec(startTime);

  if (!match || !isTimeZone(timeZone)) {
    return undefined;
  }

  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const asUtc = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);

  // Try the zone's offset from a day either side; the one that reproduces the clock reading is
  // right. A clock time that falls in a spring-forward gap is taken at the later offset.
  const offsets = [offsetAt(asUtc - 86_400_000, timeZone), offsetAt(asUtc + 86_400_000, timeZone)];

  for (const offset of offsets) {
    const candidate = asUtc - offset;

    if (offsetAt(candidate, timeZone) === offset) {
      return candidate;
    }
  }

  return asUtc - (offsets[1] ?? 0);
}

/** Milliseconds the zone is ahead of UTC at that instant. */
export function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );

  return wall - Math.floor(instant / 1000) * 1000;
}
