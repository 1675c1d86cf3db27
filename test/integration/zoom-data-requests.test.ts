import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoomDataTables } from '../../src/privacy/zoom-data.js';
import type { ConnectedAgent } from '../support/connected-agent.js';
import { simControl } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { anAgentWithZoomDataEverywhere } from '../support/zoom-data-seed.js';

/**
 * Every Zoom-derived table, by name, through the three ways a user's data leaves: the export,
 * "delete my Zoom data", and an uninstall in Zoom with and without user_data_retention. One
 * agent (`other`) is seeded the same way and must come through all of it untouched.
 */

let app: TestApp;
let other: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  other = await anAgentWithZoomDataEverywhere(app);
}, 120_000);
afterAll(async () => {
  await app.close();
});

type Row = Record<string, unknown>;

/**
 * Tables that hold nothing of a user's from Zoom, each with the reason. A new table must be
 * added either here or to the purge registry (src/privacy/zoom-data.ts): the first test fails
 * until it is.
 */
const notZoomData: Record<string, string> = {
  users: 'the CRM account itself',
  sessions: 'sign-in sessions',
  contacts: 'CRM-native: the agent’s own records',
  contact_phones: 'CRM-native',
  activities: 'CRM-native (their Zoom meetings are in zoom_meetings)',
  dial_intents: 'CRM-native: the agent clicked Call in 1Thing',
  oauth_states: 'a consent in progress, ten minutes at most, no Zoom data',
  jobs: 'queue bookkeeping, ids only; cancelled with the user’s connection',
  app_status: 'app-wide settings',
  pilot_allowlist: 'which emails may connect',
  zoom_request_pace: 'per-account request pacing, no user data',
  audit_log: 'kept on purpose: the record that a request was honoured (PIPEDA accountability)',
  pending_revocations: 'a sealed token waiting to be revoked at Zoom, deleted once Zoom confirms',
  realtime_streams: 'a sequence counter per user',
  kysely_migration: 'schema bookkeeping',
  kysely_migration_lock: 'schema bookkeeping',
};

const owned = (table: string, column: string) => (userId: string) =>
  sql<Row>`select * from ${sql.table(table)} where ${sql.ref(column)} = ${userId}`
    .execute(app.database.db)
    .then((result) => result.rows);

/** Each registry table's rows of one user, written out per table so a mistake shows by name. */
const rowsOf: Record<string, (userId: string) => Promise<Row[]>> = {
  zoom_connections: owned('zoom_connections', 'user_id'),
  // No owner column: a delivery is the user's through the Zoom ids of its envelope.
  webhook_inbox: async (userId) =>
    (await app.database.db
      .selectFrom('webhook_inbox')
      .innerJoin('zoom_connections', (join) =>
        join
          .onRef('zoom_connections.zoom_account_id', '=', 'webhook_inbox.zoom_account_id')
          .onRef('zoom_connections.zoom_user_id', '=', 'webhook_inbox.zoom_user_id'),
      )
      .selectAll('webhook_inbox')
      .where('zoom_connections.user_id', '=', userId)
      .execute()) as Row[],
  recording_plays: owned('recording_plays', 'user_id'),
  phone_recordings: owned('phone_recordings', 'owner_id'),
  voicemails: owned('voicemails', 'owner_id'),
  live_calls: owned('live_calls', 'owner_id'),
  realtime_events: owned('realtime_events', 'user_id'),
  call_contacts: owned('call_contacts', 'owner_id'),
  calls: owned('calls', 'owner_id'),
  meeting_transcripts: owned('meeting_transcripts', 'owner_id'),
  meeting_recording_files: owned('meeting_recording_files', 'owner_id'),
  zoom_meetings: owned('zoom_meetings', 'owner_id'),
  zoom_meeting_limits: owned('zoom_meeting_limits', 'user_id'),
  backfill_runs: owned('backfill_runs', 'user_id'),
  jobs_awaiting_reconnect: owned('jobs_awaiting_reconnect', 'user_id'),
};

/** What "gone" means per table: most rows go; two kinds stay on purpose. */
const afterPurge: Record<string, 'gone' | 'row kept' | 'body blanked'> = {
  // The row stays so the cards can say what happened; the flows delete its tokens.
  zoom_connections: 'row kept',
  // The dedupe key stays so a redelivery is recognised; the body goes.
  webhook_inbox: 'body blanked',
};

async function databaseTables(): Promise<string[]> {
  const { db, dialect, schema } = app.database;
  const result =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${schema ?? 'public'} and table_type = 'BASE TABLE'`.execute(db);

  return result.rows.map((row) => row.name).sort();
}

/** How many of the user's rows each registry table holds (bodies, for the webhook inbox). */
async function holdings(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};

  for (const { table } of zoomDataTables) {
    const rows = await rowsOf[table]!(userId);

    counts[table] =
      table === 'webhook_inbox' ? rows.filter((r) => r.body !== '').length : rows.length;
  }

  return counts;
}

/** The user's ids that must never show up in someone else's export. */
async function distinctiveIds(userId: string): Promise<string[]> {
  const ids = new Set<string>();

  for (const { table } of zoomDataTables) {
    for (const row of await rowsOf[table]!(userId)) {
      for (const [column, value] of Object.entries(row)) {
        const idLike = column === 'id' || column.endsWith('_id') || column === 'zoom_uuid';

        if (idLike && typeof value === 'string' && value.length >= 8) ids.add(value);
      }
    }
  }

  return [...ids];
}

function expectEverythingHeld(counts: Record<string, number>) {
  const empty = Object.entries(counts).filter(([, count]) => count === 0);

  // A table the seed did not reach would make every later check of it vacuous.
  expect(empty.map(([table]) => table)).toEqual([]);
}

function expectPurged(before: Record<string, number>, after: Record<string, number>) {
  for (const { table } of zoomDataTables) {
    const rule = afterPurge[table] ?? 'gone';
    const expected = rule === 'row kept' ? before[table] : 0;

    expect({ table, rows: after[table] }).toEqual({ table, rows: expected });
  }
}

describe('the purge registry', () => {
  it('names every table of the schema that is not listed as holding no Zoom data', async () => {
    const registered = zoomDataTables.map((entry) => entry.table).sort();
    const unclassified = (await databaseTables()).filter(
      (table) => !(table in notZoomData) && !registered.includes(table as never),
    );

    expect(unclassified).toEqual([]);
    expect(Object.keys(rowsOf).sort()).toEqual(registered);
  });
});

describe('data requests from 1Thing, table by table', () => {
  it('the export holds the agent’s rows of every table, none of another agent’s, no token', async () => {
    const agent = await anAgentWithZoomDataEverywhere(app);
    const counts = await holdings(agent.userId);

    expectEverythingHeld(counts);

    const exported = await agent.client.get('/api/privacy/zoom-data');

    expect(exported.status).toBe(200);

    for (const { name, table } of zoomDataTables) {
      const all = (await rowsOf[table]!(agent.userId)).length;

      expect({ name, rows: exported.json.data[name].length }).toEqual({ name, rows: all });
    }

    for (const id of await distinctiveIds(other.userId)) expect(exported.text).not.toContain(id);

    const connection = await app.database.db
      .selectFrom('zoom_connections')
      .select(['access_token_enc', 'refresh_token_enc'])
      .where('user_id', '=', agent.userId)
      .executeTakeFirstOrThrow();
    const { cipher } = app.started.context;

    expect(exported.text).not.toContain(cipher.open(connection.access_token_enc ?? ''));
    expect(exported.text).not.toContain(cipher.open(connection.refresh_token_enc ?? ''));
    expect(exported.text).not.toMatch(/token_enc|access_token|refresh_token|download_token/);
  }, 120_000);

  it('"delete my Zoom data" empties every table of the agent’s and leaves another agent’s', async () => {
    const agent = await anAgentWithZoomDataEverywhere(app);
    const before = await holdings(agent.userId);
    const othersBefore = await holdings(other.userId);

    expectEverythingHeld(before);

    const deleted = await agent.client.post('/api/privacy/zoom-data/delete');

    expect(deleted.status).toBe(200);
    expectPurged(before, await holdings(agent.userId));
    expect(await holdings(other.userId)).toEqual(othersBefore);
  }, 120_000);
});

describe('uninstalling in Zoom, table by table', () => {
  async function uninstall(agent: ConnectedAgent, userDataRetention: 'true' | 'false') {
    await simControl(app, 'POST', `/sim/users/${agent.zoomEmail}/uninstall`, {
      userDataRetention,
    });
    await waitFor(async () =>
      (await agent.client.get('/api/privacy/audit')).json.entries.some(
        (e: { action: string }) => e.action === 'app_deauthorized',
      ),
    );
  }

  // The app_deauthorized delivery itself is still being processed when the purge runs, so
  // its own body (Zoom's ids and signature, nothing else) stays until the retention sweep.
  const withoutTheUninstall = async (agent: ConnectedAgent) => {
    const counts = await holdings(agent.userId);
    const uninstallEvents = (await rowsOf.webhook_inbox!(agent.userId)).filter(
      (row) => row.event === 'app_deauthorized' && row.body !== '',
    ).length;

    return { ...counts, webhook_inbox: (counts.webhook_inbox ?? 0) - uninstallEvents };
  };

  it('with user_data_retention false, every Zoom-derived table of the agent’s is emptied', async () => {
    const agent = await anAgentWithZoomDataEverywhere(app);
    const before = await holdings(agent.userId);
    const othersBefore = await holdings(other.userId);

    expectEverythingHeld(before);
    await uninstall(agent, 'false');

    expectPurged(before, await withoutTheUninstall(agent));
    expect(await holdings(other.userId)).toEqual(othersBefore);
  }, 120_000);

  it('with user_data_retention true, every table keeps the agent’s rows; only the tokens go', async () => {
    const agent = await anAgentWithZoomDataEverywhere(app);
    const before = await holdings(agent.userId);

    await uninstall(agent, 'true');

    const after = await withoutTheUninstall(agent);

    // Uninstalling cancels the agent's jobs, work held for a reconnect included.
    expect(after).toEqual({ ...before, jobs_awaiting_reconnect: 0 });
    expect(
      await app.database.db
        .selectFrom('zoom_connections')
        .select(['access_token_enc', 'refresh_token_enc'])
        .where('user_id', '=', agent.userId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ access_token_enc: null, refresh_token_enc: null });
  }, 120_000);
});
