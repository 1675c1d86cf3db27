import { describe, expect, it } from 'vitest';
import {
  signZoomPayload,
  urlValidationAnswer,
  verifyZoomSignature,
} from '../../src/webhooks/signature.js';

const secret = 's3cr3t-demo-token';

// Field report 3: the exact bytes Zoom sent, with \u escapes that JSON.parse would undo.
const rawBody =
  '{"event":"meeting.updated","payload":{"account_id":"acct_demo_01","object":{"id":81234567890,' +
  '"topic":"Caf\\u00e9 walkthrough \\/ 12 Elm St"}},"event_ts":1796295600123}';
const timestamp = '1796295600';
const zoomSignature = 'v0=f8e30207c0b1932d89c0f7137709fb9d099b09d4e2253d4b2a6da96698529ea9';

const verify = (overrides: Partial<Parameters<typeof verifyZoomSignature>[0]> = {}) =>
  verifyZoomSignature({
    secret,
    rawBody: Buffer.from(rawBody),
    timestamp,
    signature: zoomSignature,
    nowMs: 1796295600_000 + 30_000,
    toleranceSeconds: 300,
    ...overrides,
  });

describe('Zoom webhook signatures', () => {
  it('accepts field report 3: the signature over the raw escaped bytes (165 chars)', () => {
    expect(rawBody).toHaveLength(165);
    expect(verify()).toEqual({ ok: true, timestampSeconds: 1796295600 });
  });

  it('rejects the same event re-serialised, whose signature a re-encoding verifier would compute', () => {
    const reserialised = JSON.stringify(JSON.parse(rawBody));

    expect(signZoomPayload(secret, timestamp, reserialised)).toBe(
      'v0=699afd59b8e47fbdbefecdfde56383e81b67a94e58ce29150fe315215012c3ea',
    );
    expect(verify({ rawBody: Buffer.from(reserialised) })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('rejects a body with one byte changed', () => {
    const tampered = Buffer.from(rawBody);

    tampered[20] = tampered[20]! ^ 1;
    expect(verify({ rawBody: tampered }).ok).toBe(false);
  });

  it('rejects timestamps outside the window, in the past and the future', () => {
    expect(verify({ nowMs: 1796295600_000 + 301_000 })).toEqual({
      ok: false,
      reason: 'timestamp_outside_window',
    });
    expect(verify({ nowMs: 1796295600_000 - 301_000 })).toEqual({
      ok: false,
      reason: 'timestamp_outside_window',
    });
    expect(verify({ nowMs: 1796295600_000 + 300_000 }).ok).toBe(true);
  });

  it.each([
    ['missing timestamp', { timestamp: undefined }, 'missing_headers'],
    ['missing signature', { signature: undefined }, 'missing_headers'],
    ['timestamp in milliseconds with letters', { timestamp: '17962956x0' }, 'malformed_timestamp'],
    [
      'upper-case hex',
      { signature: zoomSignature.toUpperCase().replace('V0', 'v0') },
      'malformed_signature',
    ],
    ['no v0= prefix', { signature: zoomSignature.slice(3) }, 'malformed_signature'],
    ['truncated', { signature: zoomSignature.slice(0, -2) }, 'malformed_signature'],
    ['wrong secret', { secret: 's3cr3t-demo-tokeN' }, 'signature_mismatch'],
  ])('rejects a %s', (_name, overrides, reason) => {
    expect(verify(overrides as never)).toEqual({ ok: false, reason });
  });

  it('answers field report 4 url_validation with lowercase hex HMAC keyed by the secret', () => {
    expect(urlValidationAnswer(secret, 'Xk2pQ9rT7vLmN4bW1cYz0A')).toEqual({
      plainToken: 'Xk2pQ9rT7vLmN4bW1cYz0A',
      encryptedToken: '4987d2bab2b82e57036939a17824ae60dd5ebb9b1fb813947842c976e44c45d6',
    });
  });
});
