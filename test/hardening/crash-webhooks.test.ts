import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startAppProcess, waitUntilListening, type AppProcess } from '../support/app-process.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { pollUntil } from '../support/slow-poll.js';
import { freePort, startTestApp, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

// kill -9 of the app around a webhook: right after the event is stored (before Zoom's 200),
// after acknowledging events but before any processing, and in the middle of processing one.
// The killed processes are real `src/main.ts` processes on the test's database; the in-process
// app only serves HTTP for the set-up and runs no jobs.
let app: TestApp;
let agent: ConnectedAgent;
const processes: AppProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({ startJobs: false, env: { JOB_LEASE_MS: '2000' } });
  agent = await aConnectedAgent(app);
});
// Each test starts its own processes and none outlives it, so no other worker takes its jobs.
afterEach(async () => {
  for (const p of processes.splice(0)) await p.kill9();
});
afterAll(async () => app.close());

function start(role: 'web' | 'worker', crashPoint?: string, port?: number) {
  const child = startAppProcess(app.env, {
    role,
    ...(crashPoint && { crashPoint }),
    extraEnv: {
      JOB_POLL_INTERVAL_MS: '100',
      ...(port && { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }),
    },
  });

  processes.push(child);

  return child;
}

const missedCall = (callId: string) =>
  aCallEvent('phone.callee_missed', {
    callId,
    accountId: agent.accountId,
    agentZoomUserId: agent.zoomUserId,
    otherNumber: '+15125550147',
    ringingAt: '2026-12-03T15:00:00Z',
    endedAt: '2026-12-03T15:00:30Z',
  });

const rowsOf = (zoomCallIds: string[]) =>
  app.database.db
    .selectFrom('calls')
    .select(['zoom_call_id', 'status', 'result'])
    .where('zoom_call_id', 'in', zoomCallIds)
    .execute();

/** Waits until every call is logged as ended, then returns all rows for those ids. */
async function settled(zoomCallIds: string[]) {
  await pollUntil(async () => {
    const rows = await rowsOf(zoomCallIds);

    return new Set(rows.filter((r) => r.status === 'ended').map((r) => r.zoom_call_id)).size ===
      zoomCallIds.length
      ? rows
      : undefined;
  }, 60_000);

  return rowsOf(zoomCallIds);
}

describe('kill -9 around webhook delivery', () => {
  it('after the event is stored, before the 200: Zoom redelivers, and the call is logged once', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const web = start('web', 'webhook.stored', port);

    await waitUntilListening(web, baseUrl);

    const callId = '7290002220000000001';
    const body = missedCall(callId);
    const delivery = postWebhook(baseUrl, body).then(
      (response) => response.status,
      () => 'no answer' as const,
    );

    await web.atCrashPoint();
    await web.kill9();

    // Zoom got no 200, so it delivers again (with a fresh timestamp), to a process that is up.
    expect(await delivery).toBe('no answer');

    const redelivery = await postWebhook(app.baseUrl, body);

    expect(redelivery.status).toBe(200);
    // The first delivery was stored before the kill: the redelivery is known.
    expect(redelivery.json.duplicate).toBe(true);

    start('worker');

    const rows = await settled([callId]);

    expect(rows).toEqual([{ zoom_call_id: callId, status: 'ended', result: 'missed' }]);
    recordReliabilityFigure({
      area: 'Crash (kill -9)',
      fault: 'after store, before the 200',
      tried: 1,
      wrong: Math.abs(rows.length - 1),
      wrongMeans: 'event lost or applied twice',
    });
  }, 120_000);

  it('after acknowledging 20 events, before processing any: a restarted worker logs each once', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const web = start('web', undefined, port);

    await waitUntilListening(web, baseUrl);

    const callIds = Array.from(
      { length: 20 },
      (_, i) => `72900033300000000${String(i).padStart(2, '0')}`,
    );
    const answers = [];

    for (const id of callIds) answers.push((await postWebhook(baseUrl, missedCall(id))).status);

    await web.kill9();

    expect(answers).toEqual(Array(20).fill(200));
    // Nobody has processed them yet: a web-only process does not run jobs.
    expect(await rowsOf(callIds)).toEqual([]);

    start('worker');

    const rows = await settled(callIds);

    expect(rows).toHaveLength(20);
    recordReliabilityFigure({
      area: 'Crash (kill -9)',
      fault: 'after the 200, before processing (20 events)',
      tried: callIds.length,
      wrong: Math.abs(rows.length - callIds.length),
      wrongMeans: 'acknowledged event lost or applied twice',
    });
  }, 120_000);

  it('during processing (call written, event not yet marked): the rerun changes nothing', async () => {
    const callId = '7290004440000000001';
    const worker = start('worker', 'webhook.handled');

    expect((await postWebhook(app.baseUrl, missedCall(callId))).status).toBe(200);
    await worker.atCrashPoint();
    await worker.kill9();

    // The handler's writes are in; the event is still pending, so it will run again.
    expect(await rowsOf([callId])).toEqual([
      { zoom_call_id: callId, status: 'ended', result: 'missed' },
    ]);

    start('worker');

    const processed = await pollUntil(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('body', 'like', `%${callId}%`)
        .executeTakeFirst();

      return row?.status === 'processed' ? row : undefined;
    }, 60_000);
    const rows = await rowsOf([callId]);
    const live = (await agent.client.get('/api/live-calls')).json.calls.filter(
      (c: { zoomCallId?: string }) => c.zoomCallId === callId,
    );

    expect(processed.outcome).toBe('call_logged');
    expect(rows).toEqual([{ zoom_call_id: callId, status: 'ended', result: 'missed' }]);
    expect(live.length).toBeLessThanOrEqual(1);
    recordReliabilityFigure({
      area: 'Crash (kill -9)',
      fault: 'during webhook processing',
      tried: 1,
      wrong: Math.abs(rows.length - 1),
      wrongMeans: 'event lost or applied twice',
    });
  }, 120_000);
});
