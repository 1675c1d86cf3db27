import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitUntilListening, type AppProcess } from '../support/app-process.js';
import { aConnectedAgent } from '../support/connected-agent.js';
import { testDialect, testPostgresUrl } from '../support/test-database.js';
import { freePort, startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

// PostgreSQL restarted, failed over or an administrator ending sessions: every connection of
// a running instance is dropped at once. The instance must carry on with new connections, not
// die of an unheard 'error' event, and an event acknowledged afterwards is still processed.
const onPostgres = testDialect() === 'postgres';
const applicationName = `conn-drop-${process.pid}`;
let app: TestApp;
let instance: AppProcess;
let instanceUrl: string;

beforeAll(async () => {
  if (!onPostgres) return;

  app = await startTestApp({ startJobs: false });

  const port = await freePort();
  const url = new URL(app.env.DATABASE_URL!);

  // Tags every connection the instance opens, so only they are ended below.
  url.searchParams.set('application_name', applicationName);
  instanceUrl = `http://127.0.0.1:${port}`;
  instance = startAppProcess(
    { ...app.env, PORT: String(port), DATABASE_URL: url.toString() },
    { role: 'all', extraEnv: { JOB_POLL_INTERVAL_MS: '100' } },
  );
  await waitUntilListening(instance, instanceUrl);
}, 120_000);

afterAll(async () => {
  if (!onPostgres) return;

  await instance?.kill9();
  await app?.close();
});

async function endInstanceConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });

  await admin.connect();

  const ended = await admin.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
    [applicationName],
  );

  await admin.end();

  return ended.rowCount ?? 0;
}

describe.skipIf(!onPostgres)('an instance whose database connections are all dropped', () => {
  it('stays up, reconnects, and processes the next acknowledged webhook', async () => {
    const agent = await aConnectedAgent(app);

    // Some traffic first, so the pools hold open connections when they are cut.
    for (let i = 0; i < 5; i += 1) {
      expect((await fetch(`${instanceUrl}/readyz`)).status).toBe(200);
    }

    expect(await endInstanceConnections()).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(instance.child.exitCode).toBeNull();

    const callId = '7290000000000000777';
    const body = aCallEvent('phone.callee_ended', {
      callId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      answeredAt: '2026-12-03T15:00:05Z',
      endedAt: '2026-12-03T15:02:05Z',
      handupResult: 'Call connected',
    });
    // The first request after the cut may meet a dead pooled connection and fail (Zoom would
    // retry it); a retry a moment later must be acknowledged.
    const acknowledged = await waitFor(async () => {
      const answer = await postWebhook(instanceUrl, body).catch(() => undefined);

      return answer?.status === 200;
    }, 20_000);

    expect(acknowledged).toBe(true);

    const call = await waitFor(
      () =>
        app.database.db
          .selectFrom('calls')
          .select(['status'])
          .where('zoom_call_id', '=', callId)
          .executeTakeFirst(),
      30_000,
    );

    expect(call.status).toBe('ended');
    expect(instance.child.exitCode).toBeNull();
  }, 120_000);
});
