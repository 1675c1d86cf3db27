import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVerdict =
  { ok: true; timestampSeconds: number } | { ok: false; reason: SignatureRejection };

export type SignatureRejection =
  | 'missing_headers'
  | 'malformed_timestamp'
  | 'malformed_signature'
  | 'timestamp_outside_window'
  | 'signature_mismatch';

/**
 * Zoom's webhook signature (WEBHOOKS.md §1.3): `v0=` + hex HMAC-SHA256 keyed by the app's
 * secret token over `v0:{timestamp}:{body}`. The body is hashed as the exact bytes received;
 * a parsed-and-reserialised body differs from Zoom's (field report 3).
 */
export function signZoomPayload(
  secret: string,
  timestamp: string,
  rawBody: Buffer | string,
): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
}

export function verifyZoomSignature(params: {
  secret: string;
  rawBody: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
  toleranceSeconds: number;
}): SignatureVerdict {
  const { timestamp, signature } = params;

  if (!timestamp || !signature) return { ok: false, reason: 'missing_headers' };

  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_timestamp' };

  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed_signature' };

  const timestampSeconds = Number(timestamp);
  const skewSeconds = Math.abs(params.nowMs / 1000 - timestampSeconds);

  if (skewSeconds > params.toleranceSeconds) {
    return { ok: false, reason: 'timestamp_outside_window' };
  }

  const expected = Buffer.from(signZoomPayload(params.secret, timestamp, params.rawBody));
  const received = Buffer.from(signature);

  // Both are 67 ASCII bytes here (checked above), so timingSafeEqual compares in constant time.
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return { ok: false, reason: 'signature_mismatch' };
  }

  return { ok: true, timestampSeconds };
}

/** The answer to `endpoint.url_validation` (WEBHOOKS.md §1.5): hex HMAC of the plainToken alone. */
export function urlValidationAnswer(secret: string, plainToken: string) {
  return {
    plainToken,
    encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex'),
  };
}
