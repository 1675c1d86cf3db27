import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitUntilListening, type AppProcess } from '../support/app-process.js';
import { addContact } from '../support/connected-agent.js';
import { openEventStream } from '../support/event-stream.js';
import { TestClient } from '../support/http-client.js';
import { seededRandom, shuffled } from '../support/seeded-random.js';
import { simControl } from '../support/sim-control.js';
import { testDialect } from '../support/test-database.js';
import {
  freePort,
  startTestApp,
  testPassword,
  waitFor,
  type TestApp,
} from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { createSimUser } from '../support/zoom-flows.js';

// Several identical instances on one PostgreSQL database, as issue 8 deploys them: two web
// processes (A, B) and a worker (W) spawned as the app is run in production, beside the test's
// own in-process instance (C, web only), which is where Zoom's OAuth redirect lands. Nothing
// is shared between them but the database.
const onPostgres = testDialect() === 'postgres';
let app: TestApp;
let instanceA: AppProcess;
let instanceB: AppProcess;
let urlA: string;
let urlB: string;
const workers: AppProcess[] = [];

async function startWebInstance(): Promise<{ process: AppProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = startAppProcess(
    {
      ...app.env,
      PORT: String(port),
      // Long enough that only NOTIFY can bring another instance's event in time.
      REALTIME_POLL_INTERVAL_MS: '60000',
    },
    { role: 'web' },
  );

  await waitUntilListening(process, url);

  return { process, url };
}

function startWorker(): AppProcess {
  const worker = startAppProcess(app.env, {
    role: 'worker',
    extraEnv: { JOB_LEASE_MS: '3000', JOB_POLL_INTERVAL_MS: '100' },
  });

  workers.push(worker);

  return worker;
}

beforeAll(async () => {
  if (!onPostgres) return;

  app = await startTestApp({ startJobs: false });
  ({ process: instanceA, url: urlA } = await startWebInstance());
  ({ process: instanceB, url: urlB } = await startWebInstance());
  startWorker();
}, 120_000);

afterAll(async () => {
  if (!onPostgres) return;

  for (const child of [instanceA, instanceB, ...workers]) await child?.kill9();
  await app?.close();
});

/** Signs in on one instance and hands the same session cookie to a client of another. */
async function signInOn(baseUrl: string, email: string) {
  const client = new TestClient(baseUrl);
  const response = await client.post('/api/session', { email, password: testPassword });

  if (response.status !== 200) throw new Error(`sign-in: ${response.status} ${response.text}`);

  return client;
}

describe.skipIf(!onPostgres)('two app instances and a worker on one PostgreSQL database', () => {
  it('connects, pops up and logs every call exactly once while instances die', async () => {
    const zoomEmail = 'two-instances@zoom.example.com';
    const email = 'two-instances@crm.example.com';

    await app.createAgent(email);

    const simUser = await createSimUser(app, { email: zoomEmail, phoneNumber: '+15125556001' });
    const onA = await signInOn(urlA, email);

    // OAuth begins on A; Zoom's redirect comes back to C (PUBLIC_URL) with the same browser
    // cookie, so the state and PKCE verifier can only have travelled through the database.
    const start = await onA.post('/api/integrations/zoom/phone/connect');
    const consent = new URL(start.json.url);

    consent.searchParams.set('sim_login', zoomEmail);
    consent.searchParams.set('sim_approve', '1');

    const approval = await fetch(consent, { redirect: 'manual' });
    const callback = new URL(approval.headers.get('location')!);

    expect(callback.origin).toBe(app.baseUrl);

    const landing = await fetch(callback, {
      redirect: 'manual',
      headers: { cookie: `sid=${onA.cookie('sid')}` },
    });

    expect(
      new URL(landing.headers.get('location')!, app.baseUrl).searchParams.get('connected'),
    ).toBe('phone');

    // A session made on A is good on B.
    const onB = new TestClient(urlB);

    onB.useCookie('sid', onA.cookie('sid')!);

    const caller = '+15125557100';
    const contact = await addContact(onB, 'Priya Raman', [caller]);
    const stream = await openEventStream(onB);

    expect(stream.status).toBe(200);

    // Screen-pop: the ring reaches A, the worker logs it, the stream on B shows it.
    const fields = { accountId: simUser.accountId, agentZoomUserId: simUser.zoomUserId };
    const ringId = '7290000000000000001';
    const ring = await postWebhook(
      urlA,
      aCallEvent('phone.callee_ringing', { ...fields, callId: ringId, otherNumber: caller }),
    );

    expect(ring.status).toBe(200);

    const popped = await stream.next(
      (event) => event.type === 'call' && event.data.call.zoomCallId === ringId,
      15_000,
    );

    expect(popped.data.call.contacts.map((c: { id: string }) => c.id)).toEqual([contact.id]);
    await stream.close();

    // Spray: 120 calls × (ringing, answered, ended), each event delivered once to A and once
    // to B, in a seeded random order, 12 at a time. A and the worker are killed a third of the
    // way through; a delivery A could not acknowledge is retried on B, as Zoom retries.
    const random = seededRandom(8);
    const callIds = Array.from({ length: 120 }, (_, i) =>
      String(7_290_000_000_000_100_000n + BigInt(i)),
    );
    const deliveries = callIds.flatMap((callId) => {
      const base = { ...fields, callId, otherNumber: caller };
      const bodies = [
        aCallEvent('phone.callee_ringing', base),
        aCallEvent('phone.callee_answered', { ...base, answeredAt: '2026-12-03T15:00:05Z' }),
        aCallEvent('phone.callee_ended', {
          ...base,
          answeredAt: '2026-12-03T15:00:05Z',
          endedAt: '2026-12-03T15:02:05Z',
          handupResult: 'Call connected',
        }),
      ];

      return bodies.flatMap((body) => [
        { body, target: 'A' as const },
        { body, target: 'B' as const },
      ]);
    });
    const order = shuffled(deliveries, random);
    let sent = 0;
    let retriedOnB = 0;
    let acknowledged = 0;
    let killing: Promise<void> | undefined;

    const deliver = async (delivery: (typeof order)[number]) => {
      if (delivery.target === 'A') {
        const answer = await postWebhook(urlA, delivery.body).catch(() => null);

        if (answer?.status === 200) {
          acknowledged += 1;

          return;
        }

        retriedOnB += 1;
      }

      const answer = await postWebhook(urlB, delivery.body);

      expect(answer.status).toBe(200);
      acknowledged += 1;
    };

    const lanes = Array.from({ length: 12 }, async () => {
      for (;;) {
        const delivery = order[sent];

        if (!delivery) return;

        sent += 1;

        if (sent === Math.floor(order.length / 3)) {
          killing = Promise.all([instanceA.kill9(), workers[0]!.kill9()]).then(() => {
            startWorker();
          });
        }

        await deliver(delivery);
      }
    });

    await Promise.all(lanes);
    await killing;

    expect(acknowledged).toBe(order.length);
    expect(retriedOnB).toBeGreaterThan(0);

    const distinctEvents = callIds.length * 3 + 1;
    const inbox = () => app.database.db.selectFrom('webhook_inbox').select(['status']).execute();

    await waitFor(async () => {
      const rows = await inbox();

      return rows.length === distinctEvents && rows.every((row) => row.status === 'processed');
    }, 90_000);

    const calls = await app.database.db
      .selectFrom('calls')
      .select(['zoom_call_id', 'status', 'talk_seconds'])
      .where('zoom_call_id', 'in', callIds)
      .execute();

    expect(calls).toHaveLength(callIds.length);
    expect(new Set(calls.map((call) => call.zoom_call_id)).size).toBe(callIds.length);
    expect(calls.every((call) => call.status === 'ended')).toBe(true);

    const links = await app.database.db
      .selectFrom('call_contacts')
      .innerJoin('calls', 'calls.id', 'call_contacts.call_id')
      .select('call_contacts.contact_id')
      .where('calls.zoom_call_id', 'in', callIds)
      .execute();

    expect(links).toHaveLength(callIds.length);
    expect(links.every((link) => link.contact_id === contact.id)).toBe(true);

    // No token lost: with the access token expired, the surviving instances still reach Zoom
    // (a refresh with the stored refresh token) and the card stays connected.
    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1000 })
      .execute();
    await simControl(app, 'POST', '/sim/tokens/expire', { email: zoomEmail });

    const rerun = await onB.post('/api/integrations/zoom/phone/history-import');

    expect(rerun.status).toBeLessThan(300);
    const card = await waitFor(async () => {
      const { phone } = (await onB.get('/api/integrations/zoom')).json;

      return phone.history?.state === 'done' ? phone : undefined;
    }, 60_000);

    expect(card.state).toBe('connected');
  }, 240_000);
});
