// PKCE as Zoom supports it (API.md §1.4, RFC 7636 §4.6): S256 compares
// base64url(SHA-256(verifier)) with the challenge; `plain` compares them directly.
import { createHash, timingSafeEqual } from 'node:crypto';

import type { PkceChallenge } from '../state/oauth.store.js';

export function verifierMatches(challenge: PkceChallenge, verifier: string | undefined): boolean {
  if (!verifier) {
    return false;
  }

  const derived =
    challenge.method === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
      : verifier;
  const given = Buffer.from(derived);
  const expected = Buffer.from(challenge.value);

  return given.length === expected.length && timingSafeEqual(given, expected);
}
