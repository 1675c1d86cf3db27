import { describe, expect, it } from 'vitest';
import { buildUrl, toApiError } from './api-client.js';

describe('toApiError', () => {
  it("keeps the server's code, message and status", () => {
    const error = toApiError(400, { error: { code: 'INVALID_PHONE_NUMBER', message: 'bad "12"' } });

    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_PHONE_NUMBER');
    expect(error.message).toBe('bad "12"');
  });

  it('names the failure from the status when the body is not our error shape', () => {
    expect(toApiError(401, undefined).code).toBe('UNAUTHENTICATED');
    expect(toApiError(404, '<html>').code).toBe('NOT_FOUND');
    expect(toApiError(502, null).code).toBe('INTERNAL');
  });

  it("reads a rate limiter's plain-string error as RATE_LIMITED", () => {
    const body = { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded' };

    expect(toApiError(429, body).code).toBe('RATE_LIMITED');
  });
});

describe('buildUrl', () => {
  it('leaves out filters that are off', () => {
    expect(buildUrl('/api/calls', { direction: 'inbound', result: undefined, q: '' })).toBe(
      '/api/calls?direction=inbound',
    );
  });

  it('encodes query values', () => {
    expect(buildUrl('/api/contacts', { q: 'Jo & Kim' })).toBe('/api/contacts?q=Jo+%26+Kim');
  });

  it('returns the bare path without a query', () => {
    expect(buildUrl('/api/session')).toBe('/api/session');
  });
});
