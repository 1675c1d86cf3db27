import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../support/event-stream.js';
import type { TestClient } from '../support/http-client.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { freePort, startTestApp, waitFor, type TestApp } from '../support/test-app.js';

// Real `ROLE=all` processes, as deployed, on the test's database: the first is stopped with
// SIGTERM while Zoom's deliveries are still arriving, the second (the restart) finishes the work.
// The test app itself runs no jobs; it only provides the database, the simulator and a session.
let app: TestApp;
const children: ChildProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await app?.close();
});

async function startInstance(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      ...app.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      ROLE: 'all',
      LOG_LEVEL: process.env.CHILD_LOG_LEVEL ?? 'silent',
    },
    stdio: process.env.CHILD_LOG_LEVEL ? 'inherit' : 'ignore',
  });

  children.push(child);
  await waitFor(async () => (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.ok, 30_000);

  return { child, baseUrl };
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('an instance stopped with SIGTERM', () => {
  it('ends its event streams, exits cleanly, and every webhook it acknowledged is processed after a restart', async () => {
    const first = await startInstance();
    const agent = await app.createAgent('shutdown@example.com');
    // The session was made through the test app: any instance accepts it (it is in the database).
    const stream = await openEventStream({
      baseUrl: first.baseUrl,
      cookie: (name: string) => agent.cookie(name),
    } as TestClient);

    await stream.next((event) => event.type === 'snapshot');

    const acknowledged: string[] = [];
    let sent = 0;
    const deliver = async (index: number) => {
      const trackingId = `shutdown-${index}`;
      const body = aCallEvent('phone.callee_ringing', {
        callId: `shutdown-call-${index}`,
        accountId: 'acct-shutdown',
        agentZoomUserId: 'zoom-user-shutdown',
      });

      sent += 1;

      const answer = await postWebhook(first.baseUrl, body, {
        headers: { 'x-zm-trackingid': trackingId },
      }).catch(() => undefined);

      // A refused connection or a 5xx is not an acknowledgement: Zoom would deliver it again.
      if (answer?.status === 200) acknowledged.push(trackingId);
    };
    // Eight deliveries at a time, like a busy account, until the process is gone.
    const senders = Array.from({ length: 8 }, async (_, lane) => {
      for (let round = 0; first.child.exitCode === null && round < 500; round++) {
        await deliver(round * 8 + lane);
      }
    });

    await waitFor(async () => acknowledged.length >= 40, 30_000);
    first.child.kill('SIGTERM');

    const code = await exitOf(first.child);

    await Promise.all(senders);

    expect(code).toBe(0);
    // The stream was ended by the server, not left hanging: its browser reconnects elsewhere.
    await expect(stream.next(() => false, 5000)).rejects.toThrow(/stream ended/);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(sent).toBeGreaterThanOrEqual(acknowledged.length);

    await startInstance();

    const statuses = await waitFor(async () => {
      const rows = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['tracking_id', 'status'])
        .where('tracking_id', 'in', acknowledged)
        .execute();
      const done = rows.filter((row) => row.status !== 'pending');

      return done.length === acknowledged.length && rows;
    }, 60_000);

    expect(statuses.map((row) => row.tracking_id).sort()).toEqual([...acknowledged].sort());
    expect(statuses.every((row) => row.status === 'skipped' || row.status === 'processed')).toBe(
      true,
    );
  }, 120_000);
});
