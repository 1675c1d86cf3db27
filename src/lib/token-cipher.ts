import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for Zoom tokens at rest (DESIGN.md §3). The stored form is
 * `keyId.iv.tag.ciphertext` (base64url parts); the key id lets a future key rotation tell which
 * key sealed a value without trying them all.
 */
export interface TokenCipher {
  keyId: string;
  seal(plain: string): string;
  open(sealed: string): string;
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

export function createTokenCipher(key: Buffer): TokenCipher {
  const keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);

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

      if (sealedKeyId !== keyId || !iv || !tag || body === undefined) {
        throw new Error(`Token was sealed with key ${sealedKeyId ?? '?'}, not ${keyId}`);
      }

      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));

      decipher.setAuthTag(Buffer.from(tag, 'base64url'));

      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
