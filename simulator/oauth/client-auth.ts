// The token and revoke endpoints authenticate the app with HTTP Basic client_id:client_secret
// (API.md §1.3, RFC 6749 §2.3.1). Compared in constant time, as a real server would.
import { timingSafeEqual } from 'node:crypto';

export function clientAuthOk(
  header: string | undefined,
  clientId: string,
  clientSecret: string,
): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');

  if (!match?.[1]) {
    return false;
  }

  const given = Buffer.from(match[1], 'base64');
  const expected = Buffer.from(`${clientId}:${clientSecret}`, 'utf8');

  return given.length === expected.length && timingSafeEqual(given, expected);
}
