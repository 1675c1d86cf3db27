// Made-up identifiers shaped like Zoom's, so parsers written against the simulator accept real
// ones too. Shapes are taken from the examples in shared/zoom/API.md and WEBHOOKS.md.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** 22 URL-safe characters, like Zoom user, account and extension ids (`Kq3xVb9TQe2mLr8sN1pAzw`). */
export function zoomId(): string {
  return randomBytes(16).toString('base64url');
}

/** A 19-digit call id (`7290001112223334445`); always a string, it does not fit a JS number. */
export function callId(): string {
  let digits = String(randomInt(1, 10));

  while (digits.length < 19) {
    digits += String(randomInt(0, 10));
  }

  return digits;
}

/** Opaque secret-grade value for codes, tokens and page cursors. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Call-history ids: the call's UTC day, then a UUID (`20261103-6b1f0c2e-…`, API.md §5.2). */
export function dayPrefixedId(atMs: number): string {
  const day = new Date(atMs).toISOString().slice(0, 10).replaceAll('-', '');

  return `${day}-${randomUUID()}`;
}

/** Value for the `x-zm-trackingid` header Zoom puts on every response (API.md §6.3). */
export function trackingId(): string {
  return `v=2.0;clid=sim;rid=SIM_${randomBytes(12).toString('hex')}`;
}
