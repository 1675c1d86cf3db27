import { describe, expect, it } from 'vitest';
import { createTokenCipher, parseEncryptionKey } from '../../src/lib/token-cipher.js';

describe('token encryption at rest', () => {
  const cipher = createTokenCipher(parseEncryptionKey('c'.repeat(64)));

  it('round-trips and never stores the token in the clear', () => {
    const sealed = cipher.seal('AT-secret-token');

    expect(sealed).not.toContain('AT-secret-token');
    expect(sealed.startsWith(`${cipher.keyId}.`)).toBe(true);
    expect(cipher.open(sealed)).toBe('AT-secret-token');
    expect(cipher.seal('AT-secret-token')).not.toBe(sealed);
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const sealed = cipher.seal('RT-1');
    const parts = sealed.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('RT-2').toString('base64url')].join('.');
    const other = createTokenCipher(parseEncryptionKey('d'.repeat(64)));

    expect(() => cipher.open(tampered)).toThrow();
    expect(() => other.open(sealed)).toThrow(/not configured/);
  });

  it('accepts a 32-byte key as hex or base64 and rejects other sizes', () => {
    expect(parseEncryptionKey(Buffer.alloc(32, 7).toString('base64'))).toHaveLength(32);
    expect(() => parseEncryptionKey('abcd')).toThrow(/32 bytes/);
  });
});

describe('changing the encryption key', () => {
  const oldKey = parseEncryptionKey('1'.repeat(64));
  const newKey = parseEncryptionKey('2'.repeat(64));

  it('opens values sealed with a previous key, marks them stale, and seals new ones with the new key', () => {
    const sealedOld = createTokenCipher(oldKey).seal('RT-old');
    const rotated = createTokenCipher(newKey, [oldKey]);

    expect(rotated.open(sealedOld)).toBe('RT-old');
    expect(rotated.isStale(sealedOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('RT-new'))).toBe(false);
    expect(() => createTokenCipher(newKey).open(sealedOld)).toThrow(/not configured/);
  });
});
