import type { Db } from '../db/database.js';

/**
 * Zoom's webhook bodies we still hold for a user. The inbox has no owner column: a delivery
 * belongs to a user through the Zoom account and user ids read from its envelope when it was
 * stored, matched against the user's connection now.
 *
 * Not reached: deliveries that name no Zoom user (account-level events such as
 * phone.recording_deleted, which carry only recording and call ids), and deliveries for a Zoom
 * user the CRM user was connected to before their current one. Both age out with the retention
 * sweep (WEBHOOK_INBOX_RETENTION_DAYS).
 */
function deliveriesOf(db: Db, userId: string) {
  return db
    .selectFrom('webhook_inbox')
    .innerJoin('zoom_connections', (join) =>
      join
        .onRef('zoom_connections.zoom_account_id', '=', 'webhook_inbox.zoom_account_id')
        .onRef('zoom_connections.zoom_user_id', '=', 'webhook_inbox.zoom_user_id'),
    )
    .where('zoom_connections.user_id', '=', userId);
}

/** What arrived and what became of it; never the body, which may carry Zoom's download tokens. */
export function webhookDeliveriesOf(db: Db, userId: string) {
  return deliveriesOf(db, userId)
    .select([
      'webhook_inbox.event',
      'webhook_inbox.status',
      'webhook_inbox.outcome',
      'webhook_inbox.received_at',
      'webhook_inbox.processed_at',
    ])
    .orderBy('webhook_inbox.received_at')
    .execute();
}

/**
 * Empties the bodies of the user's processed deliveries. The row and its dedupe key stay, so
 * Zoom redelivering one of them is still recognised and not acted on a second time (which
 * would bring the deleted data back). Pending deliveries keep their body: their job is about
 * to read it, and the flows that call this have already stopped the user's events.
 */
export async function blankWebhookBodies(db: Db, userId: string): Promise<number> {
  const result = await db
    .updateTable('webhook_inbox')
    .set({ body: '' })
    .where('status', '!=', 'pending')
    .where('body', '!=', '')
    .where('id', 'in', deliveriesOf(db, userId).select('webhook_inbox.id'))
    .executeTakeFirst();

  return Number(result.numUpdatedRows);
}
