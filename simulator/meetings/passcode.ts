// Zoom generates a passcode when the request names none (API.md §3: ≤ 10 characters).
import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export function randomPasscode(length = 6): string {
  let out = '';

  for (let index = 0; index < length; index += 1) {
    out += ALPHABET[randomInt(ALPHABET.length)];
  }

  return out;
}
