import { describe, expect, it } from 'vitest';
import {
  classifyZoomFailure,
  type ZoomFailureFacts,
  type ZoomOutcome,
} from '../../src/zoom/zoom-failure.js';
import { parseRetryAfter } from '../../src/zoom/retry-after.js';

describe('classifying Zoom failures', () => {
  const table: [string, ZoomFailureFacts, ZoomOutcome][] = [
    ['expired access token', { status: 401, code: 124 }, 'refresh_token'],
    [
      'dead refresh token',
      { status: 400, oauthError: 'invalid_grant', reason: 'Invalid Token!' },
      'reconnect',
    ],
    ['grant replaced by a newer authorization', { status: 401, code: 4741 }, 'reconnect'],
    ['token owner removed', { status: 400, code: 4735 }, 'reconnect'],
    ['bad client credentials', { status: 401, oauthError: 'invalid_client' }, 'bad_request'],
    ['rate limited', { status: 429, code: 429 }, 'retry_later'],
    ['Zoom outage', { status: 503 }, 'retry_later'],
    ['no answer at all', { status: 0 }, 'retry_later'],
    ['no Zoom Phone licence', { status: 403, code: 2031 }, 'forbidden'],
    ['Zoom Phone not enabled, as a 400', { status: 400, code: 2031 }, 'forbidden'],
    ['user not found', { status: 404, code: 1001 }, 'not_found'],
    ['validation failed', { status: 400, code: 300 }, 'bad_request'],
  ];

  it.each(table)('%s → %s', (_name, facts, outcome) => {
    expect(classifyZoomFailure(facts)).toBe(outcome);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-12-03T22:00:00Z');

  it('reads delta-seconds', () => expect(parseRetryAfter('120', now)).toBe(120_000));
  it('field report 17: reads an ISO instant', () =>
    expect(parseRetryAfter('2026-12-04T00:00:00Z', now)).toBe(2 * 3_600_000));
  it('reads an HTTP date', () =>
    expect(parseRetryAfter('Fri, 04 Dec 2026 00:00:00 GMT', now)).toBe(7_200_000));
  it('ignores nonsense', () => expect(parseRetryAfter('soon', now)).toBeUndefined());
});
