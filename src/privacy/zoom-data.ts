import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/db-types.js';
import { blankWebhookBodies, webhookDeliveriesOf } from './webhook-bodies.js';

/**
 * Everything 1Thing holds for a user that came from Zoom, table by table: what a data export
 * returns and what "delete my Zoom data" (or an uninstall without data retention) removes.
 * CRM-native records — the agent's contacts and activities themselves — are never touched;
 * only what Zoom told us about them is. A feature that stores Zoom-derived data adds its
 * table here; test/integration/zoom-data-requests.test.ts fails until it does (or until the
 * table is listed there as holding nothing of the user's from Zoom).
 */
export interface ZoomDataTable {
  /** The export's section name (kept stable for people who read old exports). */
  name: string;
  /** The database table it reads and purges. */
  table: keyof Database;
  export(db: Db, userId: string): Promise<unknown[]>;
  purge(db: Db, userId: string): Promise<number>;
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

type OwnedTable = {
  [T in keyof Database]: Database[T] extends { owner_id: string } | { user_id: string } ? T : never;
}[keyof Database];

/** A table whose every row belongs to one user through one column; exported without secrets. */
function ownedBy(
  table: OwnedTable,
  column: 'owner_id' | 'user_id',
  name: string = table,
): ZoomDataTable {
  return {
    name,
    table,
    export: async (db, userId) => {
      // The owner column is fixed per table above; named by reference since it varies.
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where(sql.ref(column), '=', userId)
        .execute();

      return rows.map((row) => omitSecrets(row as object));
    },
    purge: async (db, userId) =>
      deleted(await db.deleteFrom(table).where(sql.ref(column), '=', userId).executeTakeFirst()),
  };
}

export const zoomDataTables: ZoomDataTable[] = [
  {
    name: 'zoom_connection',
    table: 'zoom_connections',
    export: (db, userId) =>
      db
        .selectFrom('zoom_connections')
        // Never the tokens, not even encrypted: they are ours to hold, not the user's data.
        .select([
          'zoom_user_id',
          'zoom_account_id',
          'zoom_email',
          'scopes',
          'status',
          'meetings_state',
          'phone_state',
          'phone_numbers',
          'connected_at',
        ])
        .where('user_id', '=', userId)
        .execute(),
    // The row stays so the cards can say what happened; its tokens are the flows' to delete
    // (disconnect, uninstall, dead grant), and a data request while connected keeps the link.
    purge: async () => 0,
  },
  // Webhook bodies first: matching them needs the connection's Zoom ids, which stay anyway.
  {
    name: 'webhook_deliveries',
    table: 'webhook_inbox',
    export: webhookDeliveriesOf,
    purge: blankWebhookBodies,
  },
  // Rows that point at calls go before the calls themselves.
  ownedBy('recording_plays', 'user_id'),
  ownedBy('phone_recordings', 'owner_id'),
  ownedBy('voicemails', 'owner_id'),
  ownedBy('live_calls', 'owner_id'),
  ownedBy('realtime_events', 'user_id'),
  {
    name: 'call_contacts',
    table: 'call_contacts',
    export: (db, userId) =>
      db
        .selectFrom('call_contacts')
        .innerJoin('calls', 'calls.id', 'call_contacts.call_id')
        .select(['calls.zoom_call_id', 'call_contacts.contact_id'])
        .where('call_contacts.owner_id', '=', userId)
        .execute(),
    purge: async (db, userId) =>
      deleted(
        await db.deleteFrom('call_contacts').where('owner_id', '=', userId).executeTakeFirst(),
      ),
  },
  {
    name: 'calls',
    table: 'calls',
    export: (db, userId) =>
      db
        .selectFrom('calls')
        .select([
          'zoom_call_id',
          'direction',
          'status',
          'result',
          'external_number_raw',
          'external_number_e164',
          'external_name',
          'started_at',
          'answered_at',
          'ended_at',
          'talk_seconds',
          'recording_id',
          'voicemail_id',
        ])
        .where('owner_id', '=', userId)
        .orderBy('started_at')
        .execute(),
    purge: async (db, userId) =>
      deleted(await db.deleteFrom('calls').where('owner_id', '=', userId).executeTakeFirst()),
  },
  ownedBy('meeting_transcripts', 'owner_id'),
  // The sealed download tokens are Zoom's credentials, not the user's data: left out.
  ownedBy('meeting_recording_files', 'owner_id'),
  ownedBy('zoom_meetings', 'owner_id'),
  ownedBy('zoom_meeting_limits', 'user_id'),
  {
    name: 'call_history_imports',
    table: 'backfill_runs',
    export: (db, userId) =>
      db
        .selectFrom('backfill_runs')
        .select(['status', 'windows', 'started_at', 'finished_at'])
        .where('user_id', '=', userId)
        .execute(),
    purge: async (db, userId) =>
      deleted(
        await db.deleteFrom('backfill_runs').where('user_id', '=', userId).executeTakeFirst(),
      ),
  },
  // Work held for a reconnect refers to rows deleted above; resuming it would find nothing.
  ownedBy('jobs_awaiting_reconnect', 'user_id'),
];

/** Drops every column whose name says it holds a token. */
function omitSecrets<T extends object>(row: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(row).filter(([key]) => !/token/i.test(key)),
  ) as Partial<T>;
}

export async function exportZoomData(db: Db, userId: string) {
  const sections: Record<string, unknown[]> = {};

  for (const table of zoomDataTables) sections[table.name] = await table.export(db, userId);

  return sections;
}

export async function purgeZoomData(db: Db, userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};

  await db.transaction().execute(async (trx) => {
    for (const table of zoomDataTables) counts[table.name] = await table.purge(trx, userId);
  });

  return counts;
}
