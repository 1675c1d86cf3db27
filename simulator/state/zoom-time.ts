// Zoom writes call times as `yyyy-MM-ddTHH:mm:ssZ`, UTC with whole seconds (WEBHOOKS.md §3.0).

export function zoomTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Reads a `from`/`to` query value in either format Zoom accepts (API.md §5.2). A bare date
 * covers its whole UTC day, so as an `end` bound it means the last millisecond of that day.
 */
export function parseRangeBound(value: string, edge: 'start' | 'end'): number | undefined {
  if (DATE_TIME.test(value)) {
    const ms = Date.parse(value);

    return Number.isNaN(ms) ? undefined : ms;
  }

  if (!DATE_ONLY.test(value)) {
    return undefined;
  }

  const dayStart = Date.parse(`${value}T00:00:00Z`);

  if (Number.isNaN(dayStart) || zoomTime(dayStart).slice(0, 10) !== value) {
    return undefined;
  }

  return edge === 'start' ? dayStart : dayStart + 86_400_000 - 1;
}

/** The same instant one calendar month later (Jan 31 → Mar 3 in a short year, like Date does). */
export function oneMonthAfter(ms: number): number {
  const date = new Date(ms);

  date.setUTCMonth(date.getUTCMonth() + 1);

  return date.getTime();
}
