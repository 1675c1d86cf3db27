import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';
import { hashPassword } from '../lib/passwords.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
  defaultRegion: string;
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates the user, or resets name, password and role of the one with that email. */
export async function upsertUser(db: Db, user: NewUser, now: number): Promise<string> {
  const email = user.email.trim().toLowerCase();
  const passwordHash = await hashPassword(user.password);
  const existing = await findUserByEmail(db, email);

  if (existing) {
    await db
      .updateTable('users')
      .set({ name: user.name, password_hash: passwordHash, is_admin: user.isAdmin ? 1 : 0 })
      .where('id', '=', existing.id)
      .execute();

    return existing.id;
  }

  const id = newId();

  await db
    .insertInto('users')
    .values({
      id,
      email,
      name: user.name,
      password_hash: passwordHash,
      is_admin: user.isAdmin ? 1 : 0,
      default_region: user.defaultRegion,
      created_at: now,
    })
    .execute();

  return id;
}
