import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

/**
 * Hands out request slots per Zoom account, `intervalMs` apart, across every process: Zoom's
 * limits are per account and shared with the customer's other apps (API.md §6.1), so our
 * back-fill keeps to a share of them. Returns when this request may be sent.
 */
export async function takeRequestSlot(
  db: Db,
  zoomAccountId: string,
  intervalMs: number,
  now: number,
): Promise<number> {
  await db
    .insertInto('zoom_request_pace')
    .values({ zoom_account_id: zoomAccountId, next_at: now })
    .onConflict((oc) => oc.column('zoom_account_id').doNothing())
    .execute();

  const row = await db
    .updateTable('zoom_request_pace')
    .set({
      next_at: sql<number>`(case when next_at < ${now} then ${now} else next_at end) + ${intervalMs}`,
    })
    .where('zoom_account_id', '=', zoomAccountId)
    .returning('next_at')
    .executeTakeFirstOrThrow();

  return Number(row.next_at) - intervalMs;
}
