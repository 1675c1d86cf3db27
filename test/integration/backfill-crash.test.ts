import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { connectZoom, createSimUser } from '../support/zoom-flows.js';

// A real worker process (`ROLE=worker`, as deployed) runs the back-fill; it is killed with
// SIGKILL mid-run and a second worker finishes it.
let app: TestApp;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({
    startJobs: false,
    env: {
      BACKFILL_DAYS: '60',
      BACKFILL_PAGE_SIZE: '40',
      ZOOM_ACCOUNT_REQUESTS_PER_SECOND: '50',
      JOB_LEASE_MS: '3000',
    },
  });
});
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
  await app.close();
});

function startWorker(): ChildProcess {
  const worker = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...app.env,
      ROLE: 'worker',
      LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'silent',
      JOB_POLL_INTERVAL_MS: '100',
    },
    stdio: process.env.WORKER_LOG_LEVEL ? 'inherit' : 'ignore',
  });

  workers.push(worker);

  return worker;
}

const historyPages = async () =>
  (await simRequests(app)).filter(
    (r) => r.path === '/v2/phone/users/me/call_history' && r.status === 200,
  );

describe('a back-fill whose worker is killed', () => {
  it('resumes from its checkpoint in another process: every call once, at most one page fetched again', async () => {
    const zoomEmail = 'crash@zoom.example.com';
    const client = await app.createAgent('crash@crm.example.com');

    await createSimUser(app, { email: zoomEmail, phoneNumber: '+15125554001' });
    await simControl(app, 'POST', `/sim/users/${zoomEmail}/history`, {
      count: 400,
      from: new Date(Date.now() - 55 * 86_400_000).toISOString(),
      to: new Date(Date.now() - 86_400_000).toISOString(),
      seed: 11,
    });
    // Slow pages, so the kill lands mid-run.
    await simControl(app, 'POST', '/sim/traffic', { latencyMs: 250 });
    await simControl(app, 'DELETE', '/sim/requests');
    await connectZoom(app, client, 'phone', zoomEmail);

    const first = startWorker();

    await waitFor(async () => (await historyPages()).length >= 3, 60_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const beforeRestart = (await historyPages()).length;
    const run = await app.database.db
      .selectFrom('backfill_runs')
      .selectAll()
      .executeTakeFirstOrThrow();

    expect(run.status).toBe('running');
    expect(beforeRestart).toBeLessThanOrEqual(run.pages_fetched + 1);

    startWorker();

    const done = await waitFor(async () => {
      const row = await app.database.db.selectFrom('backfill_runs').selectAll().executeTakeFirst();

      return row?.status === 'done' ? row : undefined;
    }, 60_000);
    const calls = await app.database.db.selectFrom('calls').select('zoom_call_id').execute();
    const pages = (await historyPages()).length;

    expect(calls).toHaveLength(400);
    expect(new Set(calls.map((c) => c.zoom_call_id)).size).toBe(400);
    // Every page asked once, plus at most the one in flight when the worker died.
    expect(pages).toBeLessThanOrEqual(done.pages_fetched + 1);
    expect(pages).toBeGreaterThanOrEqual(done.pages_fetched);
  }, 120_000);
});
