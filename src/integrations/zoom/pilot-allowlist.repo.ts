import type { Db } from '../../db/database.js';

/**
 * Zoom accounts allowed to connect while 1Thing's Zoom app is in its pilot. Kept in the
 * database so support can add an email without a redeploy; an empty list means the pilot is
 * over and every account may connect.
 */
export async function isAllowedInPilot(db: Db, email: string): Promise<boolean> {
  const any = await db.selectFrom('pilot_allowlist').select('email').limit(1).executeTakeFirst();

  if (!any) return true;

  const hit = await db
    .selectFrom('pilot_allowlist')
    .select('email')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();

  return hit !== undefined;
}

export function listAllowlist(db: Db) {
  return db.selectFrom('pilot_allowlist').selectAll().orderBy('email').execute();
}

export async function addToAllowlist(db: Db, email: string, addedBy: string | null, now: number) {
  await db
    .insertInto('pilot_allowlist')
    .values({ email: email.trim().toLowerCase(), added_at: now, added_by: addedBy })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function removeFromAllowlist(db: Db, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom('pilot_allowlist')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();

  return Number(result.numDeletedRows) > 0;
}
