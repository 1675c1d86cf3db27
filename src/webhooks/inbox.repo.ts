import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';
import { insertJob } from '../jobs/job-ledger.js';
import type { InboxEntry } from './webhook-envelope.js';

export const processWebhookJob = 'webhook.process';
/** Attempts before an event is given up and shown as failed on the admin page. */
export const webhookJobMaxAttempts = 8;

/**
 * Stores a verified event and the job that will process it, in one transaction, before Zoom
 * gets its 200 (on PostgreSQL the graphile job too, through the same transaction). A redelivery
 * hits the unique dedupe key and stores nothing; returns null then.
 */
export async function storeInboundEvent(
  db: Db,
  entry: InboxEntry,
  rawBody: string,
  trackingId: string | null,
  now: number,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webhook_inbox')
      .values({
        id: newId(),
        dedupe_key: entry.dedupeKey,
        event: entry.event,
        zoom_account_id: entry.zoomAccountId,
        zoom_user_id: entry.zoomUserId,
        body: rawBody,
        tracking_id: trackingId,
        status: 'pending',
        received_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();

    if (!inserted) return null;

    await insertJob(
      trx,
      {
        name: processWebhookJob,
        payload: { inboxId: inserted.id },
        key: `webhook:${inserted.id}`,
        maxAttempts: webhookJobMaxAttempts,
      },
      now,
    );

    return inserted.id;
  });
}

export function loadInboxEntry(db: Db, id: string) {
  return db.selectFrom('webhook_inbox').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markInboxEntry(
  db: Db,
  id: string,
  status: 'processed' | 'skipped' | 'failed',
  outcome: string,
  now: number,
) {
  await db
    .updateTable('webhook_inbox')
    .set({ status, outcome, processed_at: now })
    .where('id', '=', id)
    .execute();
}

export async function inboxCounts(db: Db) {
  const rows = await db
    .selectFrom('webhook_inbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);

  return { pending: count('pending'), failed: count('failed') };
}
