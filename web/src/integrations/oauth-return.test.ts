import { describe, expect, it } from 'vitest';
import { oauthErrorText, readOAuthReturn } from './oauth-return.js';

const read = (query: string) => readOAuthReturn(new URLSearchParams(query));

describe('readOAuthReturn', () => {
  it('reads a successful connect', () => {
    expect(read('?connected=phone')).toEqual({ kind: 'connected', product: 'phone' });
  });

  it('reads an error with its product', () => {
    expect(read('?error=PILOT_NOT_APPROVED&product=phone')).toEqual({
      kind: 'error',
      code: 'PILOT_NOT_APPROVED',
      product: 'phone',
    });
  });

  it('keeps an error whose product it does not know, without a product', () => {
    expect(read('?error=OAUTH_DENIED&product=webinars')).toEqual({
      kind: 'error',
      code: 'OAUTH_DENIED',
      product: null,
    });
  });

  it('ignores a plain visit and an unknown product', () => {
    expect(read('')).toBeNull();
    expect(read('?connected=webinars')).toBeNull();
  });
});

describe('oauthErrorText', () => {
  it.each([
    ['OAUTH_DENIED', 'declined'],
    ['OAUTH_STATE_INVALID', 'another browser'],
    ['OAUTH_FAILED', 'did not complete'],
    ['PILOT_NOT_APPROVED', 'support@1thing.ca'],
    ['ZOOM_UNAVAILABLE', 'did not answer'],
  ])('explains %s', (code, words) => {
    expect(oauthErrorText(code)).toContain(words);
  });

  it('shows an invented code as a failed sign-in, never as raw text', () => {
    expect(oauthErrorText('<b>HACKED</b>')).toBe(oauthErrorText('OAUTH_FAILED'));
  });
});
