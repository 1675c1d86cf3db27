import { parseRetryAfter } from '../../../zoom/retry-after.js';
import { ZoomError } from '../../../zoom/zoom-error.js';

/**
 * When a 429 lets us call again (API.md §6.2; field report 17): the Retry-After Zoom gave (in
 * seconds or as a date), else for a daily limit the next 00:00 UTC — Zoom's daily-limit answers
 * have come with no header, only the message — else undefined (back off with jitter).
 */
export function rateLimitResumeAt(error: ZoomError, now: number): number | undefined {
  if (error.status !== 429) return undefined;

  const wait = parseRetryAfter(error.details.retryAfter, now);

  if (wait !== undefined) return now + wait;

  const daily =
    error.details.rateLimitType === 'Daily-limit' || /daily/i.test(error.details.zoomMessage ?? '');

  if (!daily) return undefined;

  const midnight = new Date(now);

  midnight.setUTCHours(24, 0, 0, 0);

  return midnight.getTime();
}

/** Zoom's answer to a page token older than 15 minutes (API.md §5.3: 400 / code 300 or 400). */
export function isExpiredPageToken(error: unknown): boolean {
  return (
    error instanceof ZoomError &&
    error.status === 400 &&
    (error.details.code === 400 ||
      error.details.code === 300 ||
      /next.?page.?token/i.test(error.details.zoomMessage ?? ''))
  );
}
