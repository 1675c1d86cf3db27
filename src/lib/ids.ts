import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** An unguessable value for cookies, OAuth state and PKCE verifiers (RFC 7636 §4.1). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** Secrets such as session ids are looked up by hash, so a database leak does not hand them out. */
export const sha256Hex = (value: string): string =>
  createHash('sha256').update(value).digest('hex');
