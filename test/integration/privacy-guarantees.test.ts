import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnectionByUser } from '../../src/integrations/zoom/connections.repo.js';
import { createRetentionJob } from '../../src/privacy/retention.job.js';
import { getCurrentUser } from '../../src/zoom/users.api.js';
import { createTokenCipher, parseEncryptionKey } from '../../src/lib/token-cipher.js';
import { aConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, testEncryptionKey, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

/** Every text value in every table, as one string: what a database dump would show. */
async function databaseDump(): Promise<string> {
  const tables = [
    'users',
    'sessions',
    'contacts',
    'contact_phones',
    'calls',
    'zoom_connections',
    'oauth_states',
    'webhook_inbox',
    'jobs',
    'app_status',
    'backfill_runs',
    'audit_log',
    'pending_revocations',
  ] as const;
  const rows = await Promise.all(
    tables.map((table) => app.database.db.selectFrom(table).selectAll().execute()),
  );

  return JSON.stringify(rows);
}

describe('privacy by construction', () => {
  it('a database dump holds no plaintext Zoom token', async () => {
    const agent = await aConnectedAgent(app);
    const row = await findConnectionByUser(app.database.db, agent.userId);
    const access = app.started.context.cipher.open(row!.access_token_enc!);
    const refresh = app.started.context.cipher.open(row!.refresh_token_enc!);
    const dump = await databaseDump();

    expect(access.length).toBeGreaterThan(10);
    expect(dump).not.toContain(access);
    expect(dump).not.toContain(refresh);

    if (app.database.url.startsWith('sqlite:')) {
      const file = readFileSync(app.database.url.slice('sqlite:'.length));
      const folder = join(app.database.url.slice('sqlite:'.length), '..');
      const wal = readdirSync(folder)
        .filter((name) => name.endsWith('-wal'))
        .map((name) => readFileSync(join(folder, name)));

      for (const bytes of [file, ...wal]) {
        expect(bytes.includes(Buffer.from(access))).toBe(false);
        expect(bytes.includes(Buffer.from(refresh))).toBe(false);
      }

      expect(statSync(folder).isDirectory()).toBe(true);
    }
  });

  it('after a key change, old tokens still work and are sealed again with the new key on use', async () => {
    const agent = await aConnectedAgent(app);
    const context = app.started.context;
    const newKey = parseEncryptionKey('f'.repeat(64));
    const rotated = createTokenCipher(newKey, [parseEncryptionKey(testEncryptionKey)]);
    const rotatedAccess = (
      await import('../../src/integrations/zoom/zoom-access.js')
    ).createZoomAccess({
      db: context.db,
      cipher: rotated,
      zoom: context.zoom,
      logger: context.logger,
    });
    const row = await findConnectionByUser(context.db, agent.userId);

    const user = await rotatedAccess.call(row!.id, (token) => getCurrentUser(context.zoom, token));
    const after = await findConnectionByUser(context.db, agent.userId);

    expect(user.id).toBe(agent.zoomUserId);
    expect(after!.access_token_enc!.startsWith(`${rotated.keyId}.`)).toBe(true);
    expect(after!.refresh_token_enc!.startsWith(`${rotated.keyId}.`)).toBe(true);
  });

  it('the first event after a disconnect is acknowledged and dropped', async () => {
    const agent = await aConnectedAgent(app);

    await agent.client.delete('/api/integrations/zoom/phone');

    const body = aCallEvent('phone.callee_missed', {
      callId: '7290001112223338100',
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      endedAt: '2026-12-03T16:00:00Z',
    });

    expect((await postWebhook(app.baseUrl, body)).status).toBe(200);

    const entry = await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('dedupe_key', 'like', 'phone.callee_missed|7290001112223338100|%')
        .executeTakeFirst();

      return row && row.status !== 'pending' ? row : undefined;
    });

    expect(entry).toEqual({ status: 'skipped', outcome: 'unknown_zoom_user' });
    expect((await agent.client.get('/api/calls')).json.calls).toEqual([]);
    expect((await agent.client.delete('/api/integrations/zoom/phone')).status).toBe(200);
  });

  it('webhook bodies are deleted after the retention period; the calls they made stay', async () => {
    const agent = await aConnectedAgent(app);
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
      outcome: 'missed',
    });

    await waitFor(async () =>
      (await agent.client.get('/api/calls')).json.calls.some(
        (c: { zoomCallId: string; status: string }) =>
          c.zoomCallId === callId && c.status === 'ended',
      ),
    );

    // Every delivery of the call processed (a pending one is never swept).
    await waitFor(async () => {
      const rows = await app.database.db
        .selectFrom('webhook_inbox')
        .select('status')
        .where('dedupe_key', 'like', `%${callId}%`)
        .execute();

      return rows.length >= 2 && rows.every((row) => row.status !== 'pending');
    });

    const later = { now: () => Date.now() + 8 * 86_400_000 };
    const sweep = createRetentionJob({ ...app.started.context, clock: later });

    await sweep({ jobId: 'test', attempt: 1, payload: {} });

    const left = await app.database.db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('dedupe_key', 'like', `%${callId}%`)
      .execute();

    expect(left).toEqual([]);
    expect(
      (await agent.client.get('/api/calls')).json.calls.map(
        (c: { zoomCallId: string }) => c.zoomCallId,
      ),
    ).toContain(callId);
  });
});
