// Zoom's webhook signing (WEBHOOKS.md §1.3 and §1.5), from the sender's side.
import { createHmac } from 'node:crypto';

/** `x-zm-signature`: `v0=` + hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + raw body). */
export function signatureFor(secret: string, timestamp: string, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`, 'utf8');

  return `v0=${mac.digest('hex')}`;
}

/** The `encryptedToken` a receiver must echo for `endpoint.url_validation`. */
export function encryptedTokenFor(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken, 'utf8').digest('hex');
}
