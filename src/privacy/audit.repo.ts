import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';

/** One line of the audit trail: who did what to whose data, and when (PIPEDA accountability). */
export async function audit(
  db: Db,
  entry: { userId: string; actor: string; action: string; detail?: string | null },
  now: number,
) {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      user_id: entry.userId,
      actor: entry.actor,
      action: entry.action,
      detail: entry.detail ?? null,
      created_at: now,
    })
    .execute();
}

export function auditTrail(db: Db, userId: string) {
  return db
    .selectFrom('audit_log')
    .select(['actor', 'action', 'detail', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}
