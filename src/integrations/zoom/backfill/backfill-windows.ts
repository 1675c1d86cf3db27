/**
 * Zoom's call history answers at most one month per request, within the last six months
 * (API.md §5.2; field report 16). Splits the back-fill period into such windows, newest first,
 * so an agent sees their recent calls soonest. Dates are UTC `yyyy-mm-dd`, both ends included.
 */
export type DateWindow = [from: string, to: string];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = 86_400_000;

/** The same day of the next month, clamped (Jan 31 → Feb 28), as Zoom measures "one month". */
function addMonth(date: Date): Date {
  const next = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();

  next.setUTCDate(Math.min(date.getUTCDate(), lastDay));

  return next;
}

export function backfillWindows(now: number, days: number): DateWindow[] {
  const end = Date.parse(`${day(now)}T00:00:00Z`);
  const start = end - (days - 1) * dayMs;
  const windows: DateWindow[] = [];
  let from = new Date(start);

  while (from.getTime() <= end) {
    const to = Math.min(addMonth(from).getTime() - dayMs, end);

    windows.push([day(from.getTime()), day(to)]);
    from = new Date(to + dayMs);
  }

  return windows.reverse();
}
