import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Everything 1Thing holds for a user that came from Zoom, table by table: what a data export
 * returns and what "delete my Zoom data" (or an uninstall without data retention) removes.
 * CRM-native records — the agent's contacts and activities themselves — are never touched;
 * only what Zoom told us about them is. A feature that stores Zoom-derived data adds its
 * tables here.
 */
export interface ZoomDataTable {
  name: string;
  export(db: Db, userId: string): Promise<unknown[]>;
  purge(db: Db, userId: string): Promise<number>;
}

const deleted = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

type OwnedTable =
  'voicemails' | 'phone_recordings' | 'recording_plays' | 'live_calls' | 'realtime_events';

/** A table whose every row belongs to one user through one column; exported without secrets. */
function ownedBy(name: OwnedTable, column: 'owner_id' | 'user_id'): ZoomDataTable {
  return {
    name,
    export: async (db, userId) => {
      // The owner column is fixed per table above; named by reference since it varies.
      const rows = await db
        .selectFrom(name)
        .selectAll()
        .where(sql.ref(column), '=', userId)
        .execute();

      return rows.map((row) => omitSecrets(row as object));
    },
    purge: async (db, userId) =>
      deleted(await db.deleteFrom(name).where(sql.ref(column), '=', userId).executeTakeFirst()),
  };
}

export const zoomDataTables: ZoomDataTable[] = [
  {
    name: 'zoom_connection',
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
    purge: async () => 0,
  },
  // Rows that point at calls go before the calls themselves.
  ownedBy('recording_plays', 'user_id'),
  ownedBy('phone_recordings', 'owner_id'),
  ownedBy('voicemails', 'owner_id'),
  ownedBy('live_calls', 'owner_id'),
  ownedBy('realtime_events', 'user_id'),
  {
    name: 'calls',
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
  {
    name: 'meeting_transcripts',
    export: (db, userId) =>
      db.selectFrom('meeting_transcripts').selectAll().where('owner_id', '=', userId).execute(),
    purge: async (db, userId) =>
      deleted(
        await db
          .deleteFrom('meeting_transcripts')
          .where('owner_id', '=', userId)
          .executeTakeFirst(),
      ),
  },
  {
    name: 'meeting_recording_files',
    // The sealed download tokens are Zoom's credentials, not the user's data: left out.
    export: (db, userId) =>
      db
        .selectFrom('meeting_recording_files')
        .selectAll()
        .where('owner_id', '=', userId)
        .execute()
        .then((rows) => rows.map((row) => omitSecrets(row))),
    purge: async (db, userId) =>
      deleted(
        await db
          .deleteFrom('meeting_recording_files')
          .where('owner_id', '=', userId)
          .executeTakeFirst(),
      ),
  },
  {
    name: 'zoom_meetings',
    export: (db, userId) =>
      db.selectFrom('zoom_meetings').selectAll().where('owner_id', '=', userId).execute(),
    purge: async (db, userId) =>
      deleted(
        await db.deleteFrom('zoom_meetings').where('owner_id', '=', userId).executeTakeFirst(),
      ),
  },
  {
    name: 'call_history_imports',
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
