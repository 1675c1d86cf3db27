import type { Db } from '../db/database.js';
import { randomToken, sha256Hex } from '../lib/ids.js';

/**
 * Cookie sessions live in the database so that any instance can serve any request. The cookie
 * holds a random id; the table holds only its hash.
 */
export async function createSession(db: Db, userId: string, now: number, ttlMs: number) {
  const sessionId = randomToken();

  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256Hex(sessionId),
      user_id: userId,
      created_at: now,
      expires_at: now + ttlMs,
    })
    .execute();

  return sessionId;
}

export async function findSessionUser(db: Db, sessionId: string, now: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.is_admin', 'users.default_region'])
    .where('sessions.id_hash', '=', sha256Hex(sessionId))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256Hex(sessionId)).execute();
}
