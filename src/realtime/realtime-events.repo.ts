import type { Db } from '../db/database.js';

/** One stored event of a user's stream, in the order the stream delivers it. */
export interface StoredEvent {
  seq: number;
  type: string;
  data: string;
}

/**
 * Hands out the user's next sequence number. The upsert locks the user's counter row until
 * the transaction ends, so on PostgreSQL a second publisher for the same user waits: events
 * become visible in sequence order and a reader never skips one that commits late.
 */
export async function nextSeq(trx: Db, userId: string): Promise<number> {
  const row = await trx
    .insertInto('realtime_streams')
    .values({ user_id: userId, last_seq: 1 })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({
        last_seq: eb('realtime_streams.last_seq', '+', 1),
      })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();

  return Number(row.last_seq);
}

/** Stores the event; false when the user already has one with this key (a job that re-ran). */
export async function insertEvent(
  trx: Db,
  row: { userId: string; seq: number; type: string; key: string; data: string; now: number },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('realtime_events')
    .values({
      user_id: row.userId,
      seq: row.seq,
      type: row.type,
      dedupe_key: row.key,
      data: row.data,
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returning('seq')
    .executeTakeFirst();

  return inserted !== undefined;
}

export async function eventsAfter(
  db: Db,
  userId: string,
  afterSeq: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('realtime_events')
    .select(['seq', 'type', 'data'])
    .where('user_id', '=', userId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

  return rows.map((row) => ({ seq: Number(row.seq), type: row.type, data: row.data }));
}

/** The newest sequence number of each user (0 for a user with no events yet). */
export async function latestSeqs(db: Db, userIds: string[]): Promise<Map<string, number>> {
  const latest = new Map<string, number>(userIds.map((id) => [id, 0]));

  if (userIds.length === 0) return latest;

  const rows = await db
    .selectFrom('realtime_streams')
    .select(['user_id', 'last_seq'])
    .where('user_id', 'in', userIds)
    .execute();

  for (const row of rows) latest.set(row.user_id, Number(row.last_seq));

  return latest;
}

export async function latestSeq(db: Db, userId: string): Promise<number> {
  return (await latestSeqs(db, [userId])).get(userId) ?? 0;
}

/** Forgets events older than `before`; the counters stay, so ids never repeat. */
export async function purgeEvents(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('realtime_events')
    .where('created_at', '<', before)
    .executeTakeFirst();

  return Number(result.numDeletedRows);
}
