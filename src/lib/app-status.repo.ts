import type { Db } from '../db/database.js';

/**
 * Small facts about the running system that support asks for first, such as when Zoom last
 * validated the webhook endpoint. One row per key.
 */
export type StatusKey =
  | 'webhook.last_url_validation_at'
  | 'webhook.last_verified_event_at'
  | 'webhook.last_rejected_at'
  | 'webhook.last_rejected_reason';

export async function setStatus(db: Db, values: Partial<Record<StatusKey, string>>, now: number) {
  for (const [key, value] of Object.entries(values)) {
    await db
      .insertInto('app_status')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }
}

export async function readStatus(db: Db): Promise<Partial<Record<StatusKey, string>>> {
  const rows = await db.selectFrom('app_status').select(['key', 'value']).execute();

  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}
