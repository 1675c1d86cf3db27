import { describe, expect, it } from 'vitest';
import { backfillWindows } from '../../src/integrations/zoom/backfill/backfill-windows.js';
import { ZoomError } from '../../src/zoom/zoom-error.js';
import {
  isExpiredPageToken,
  rateLimitResumeAt,
} from '../../src/integrations/zoom/backfill/zoom-rate-limit.js';

const now = Date.parse('2026-12-03T22:00:00Z');

describe('back-fill windows', () => {
  it('field report 16: six months to 2026-12-03 become windows of at most one month, newest first', () => {
    const windows = backfillWindows(now, 183);

    expect(windows.at(-1)?.[0]).toBe('2026-06-04');
    expect(windows[0]?.[1]).toBe('2026-12-03');
    expect(windows).toEqual([
      ['2026-11-04', '2026-12-03'],
      ['2026-10-04', '2026-11-03'],
      ['2026-09-04', '2026-10-03'],
      ['2026-08-04', '2026-09-03'],
      ['2026-07-04', '2026-08-03'],
      ['2026-06-04', '2026-07-03'],
    ]);
  });

  it('covers every day exactly once, with no gap and no overlap', () => {
    for (const days of [1, 29, 30, 31, 90, 180]) {
      const windows = [...backfillWindows(now, days)].reverse();
      let expected = Date.parse(windows[0]![0]);

      for (const [from, to] of windows) {
        expect(Date.parse(from)).toBe(expected);
        expect(Date.parse(to)).toBeGreaterThanOrEqual(Date.parse(from));
        expected = Date.parse(to) + 86_400_000;
      }

      expect(expected).toBe(Date.parse('2026-12-04'));
      expect((Date.parse('2026-12-04') - Date.parse(windows[0]![0])) / 86_400_000).toBe(days);
    }
  });
});

describe('Zoom rate limits and page tokens', () => {
  const rateLimited = (details: ConstructorParameters<typeof ZoomError>[2]) =>
    new ZoomError('phone.call_history', 429, details);

  it('field report 17 (a): waits until the Retry-After instant', () => {
    const error = rateLimited({
      code: 429,
      retryAfter: '2026-12-04T00:00:00Z',
    });

    expect(rateLimitResumeAt(error, now)).toBe(Date.parse('2026-12-04T00:00:00Z'));
  });

  it('field report 17 (b): a daily-limit message without headers waits until 00:00 UTC', () => {
    const error = rateLimited({
      code: 429,
      zoomMessage:
        'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests … resume … at GMT 00:00:00.',
    });

    expect(rateLimitResumeAt(error, now)).toBe(Date.parse('2026-12-04T00:00:00Z'));
  });

  it('field report 17 (c): a per-second 429 without a header leaves the wait to backoff', () => {
    expect(
      rateLimitResumeAt(rateLimited({ code: 429, zoomMessage: 'per-second rate limit' }), now),
    ).toBeUndefined();
  });

  it('recognises Zoom’s expired page token answer and nothing else', () => {
    const expired = new ZoomError('x', 400, {
      code: 400,
      zoomMessage: 'The next page token is invalid or expired.',
    });

    expect(isExpiredPageToken(expired)).toBe(true);
    expect(isExpiredPageToken(new ZoomError('x', 400, { code: 1001 }))).toBe(false);
    expect(isExpiredPageToken(new Error('x'))).toBe(false);
  });
});
