import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for Zoom tokens at rest (DESIGN.md §3). The stored form is
 * `keyId.iv.tag.ciphertext` (base64url parts). The key id names the key that sealed a value,
 * so after a key change (TOKEN_ENCRYPTION_KEY new, the old one in
 * TOKEN_ENCRYPTION_KEY_PREVIOUS) old values still open and are sealed again on next use.
 */
export interface TokenCipher {
  keyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
  /** True when the value was sealed with a previous key and should be sealed again. */
  isStale(sealed: string): boolean;
}

export function parseEncryptionKey(value: string): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');

  if (key.length !== 32) {
    throw new Error('must be 32 bytes, as 64 hex characters or base64');
  }

  return key;
}

const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export function createTokenCipher(key: Buffer, previousKeys: Buffer[] = []): TokenCipher {
  const keyId = keyIdOf(key);
  const keys = new Map([[keyId, key], ...previousKeys.map((old) => [keyIdOf(old), old] as const)]);

  return {
    keyId,

    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);

      return [keyId, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    open(sealed) {
      const [sealedKeyId, iv, tag, body] = sealed.split('.');
      const sealingKey = sealedKeyId ? keys.get(sealedKeyId) : undefined;

      if (!sealingKey || !iv || !tag || body === undefined) {
        throw new Error(`Token was sealed with key ${sealedKeyId ?? '?'}, which is not configured`);
      }

      const decipher = createDecipheriv('aes-256-gcm', sealingKey, Buffer.from(iv, 'base64url'));

      decipher.setAuthTag(Buffer.from(tag, 'base64url'));

      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },

    isStale(sealed) {
      return !sealed.startsWith(`${keyId}.`);
    },
  };
}
