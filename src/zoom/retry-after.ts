/**
 * Reads `Retry-After` in both forms RFC 9110 §10.2.3 allows: delta-seconds or an HTTP date.
 * Zoom's daily-limit 429s have been seen with an ISO-8601 instant instead (API.md §6.2), so
 * any date `Date.parse` understands is taken. Returns milliseconds to wait, or undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;

  const text = value.trim();

  if (/^\d+$/.test(text)) return Number(text) * 1000;

  const instant = Date.parse(text);

  return Number.isNaN(instant) ? undefined : Math.max(0, instant - now);
}
