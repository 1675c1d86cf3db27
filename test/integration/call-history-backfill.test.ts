import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addContact } from '../support/connected-agent.js';
import type { TestClient } from '../support/http-client.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { connectZoom, createSimUser } from '../support/zoom-flows.js';

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  // Small pages, so a few hundred calls span many pages and windows.
  app = await startTestApp({
    env: { BACKFILL_DAYS: '90', BACKFILL_PAGE_SIZE: '50', ZOOM_ACCOUNT_REQUESTS_PER_SECOND: '50' },
  });
});
afterAll(async () => app.close());
afterEach(async () => {
  await simControl(app, 'DELETE', '/sim/traffic');
  await simControl(app, 'DELETE', '/sim/faults');
});

const day = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** An agent whose simulated Zoom account already has `count` calls in the last 80 days. */
async function agentWithHistory(count: number, numbers: string[] = []) {
  seq += 1;
  const zoomEmail = `history${seq}@zoom.example.com`;
  const client = await app.createAgent(`history${seq}@crm.example.com`);

  await createSimUser(app, { email: zoomEmail, phoneNumber: `+1512555${3000 + seq}` });
  await simControl(app, 'POST', `/sim/users/${zoomEmail}/history`, {
    count,
    from: iso(Date.now() - 80 * day),
    to: iso(Date.now() - day),
    numbers,
    seed: seq,
  });

  return { client, zoomEmail };
}

async function importFinished(client: TestClient) {
  return waitFor(async () => {
    const { phone } = (await client.get('/api/integrations/zoom')).json;

    const finished = ['done', 'incomplete', 'cancelled', 'failed'].includes(phone.history?.state);

    return finished ? phone.history : undefined;
  }, 20_000);
}

const historyRequests = async () =>
  (await simRequests(app)).filter((r) => r.path === '/v2/phone/users/me/call_history');

describe('call-history back-fill on first connect', () => {
  it('imports every call once, in month windows, and says so on the Phone card', async () => {
    const { client, zoomEmail } = await agentWithHistory(230, ['+15125550147']);
    const dana = await addContact(client, 'Dana Reyes', ['512-555-0147']);

    await simControl(app, 'DELETE', '/sim/requests');
    await connectZoom(app, client, 'phone', zoomEmail);

    const progress = await importFinished(client);

    expect(progress).toMatchObject({ state: 'done', calls: 230, months: 3 });
    expect(progress.text).toBe(`Imported 230 calls from ${progress.since}`);

    const calls = [];
    let cursor: string | null = null;

    do {
      const query = cursor ? `&cursor=${cursor}` : '';
      const page: { calls: any[]; nextCursor: string | null } = (
        await client.get(`/api/calls?limit=200${query}`)
      ).json;

      calls.push(...page.calls);
      cursor = page.nextCursor;
    } while (cursor);

    expect(calls).toHaveLength(230);
    expect(new Set(calls.map((c) => c.zoomCallId)).size).toBe(230);

    const danaCalls = (await client.get(`/api/calls?contactId=${dana.id}&limit=200`)).json.calls;

    expect(danaCalls.length).toBeGreaterThan(20);
    expect(
      danaCalls.every((c: { contacts: { id: string }[] }) => c.contacts[0]?.id === dana.id),
    ).toBe(true);

    const requests = await historyRequests();

    expect(requests.every((r) => r.status === 200)).toBe(true);
    // 230 calls in pages of 50 over three windows: at most ceil(n/50) pages per window.
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.length).toBeLessThanOrEqual(8);
  });

  it('a 429 storm is waited out (Retry-After in seconds, then as a date) and nothing is lost', async () => {
    const { client, zoomEmail } = await agentWithHistory(120);

    await simControl(app, 'POST', '/sim/faults', {
      method: 'GET',
      path: '/v2/phone/users/me/call_history',
      status: 429,
      times: 2,
      retryAfter: 1,
      body: {
        code: 429,
        message:
          'You have reached the maximum per-second rate limit for this API. Try again later.',
      },
    });
    await connectZoom(app, client, 'phone', zoomEmail);

    const paused = await waitFor(async () => {
      const { phone } = (await client.get('/api/integrations/zoom')).json;

      return phone.history?.state === 'paused' ? phone.history : undefined;
    });

    expect(paused.text).toMatch(/paused by Zoom’s rate limit until \d\d:\d\d UTC/);
    expect(await importFinished(client)).toMatchObject({ state: 'done', calls: 120 });

    const statuses = (await historyRequests()).map((r) => r.status);

    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it('field report 16: an expired page token makes the window be listed again from its start', async () => {
    const { client, zoomEmail } = await agentWithHistory(400);
    const base = app.simulator.state.now;

    // Slow pages; once the first page is out, the simulator's clock jumps 16 minutes, so the
    // page token the app holds has expired by the time it asks for the next page.
    await simControl(app, 'POST', '/sim/traffic', { latencyMs: 800 });
    await simControl(app, 'DELETE', '/sim/requests');

    try {
      await connectZoom(app, client, 'phone', zoomEmail);
      await waitFor(async () => (await historyRequests()).length >= 1);

      const jumped = base() + 16 * 60_000 - Date.now();

      app.simulator.state.now = () => Date.now() + jumped;

      const progress = await importFinished(client);

      expect(progress).toMatchObject({ state: 'done', calls: 400 });

      const statuses = (await historyRequests()).map((r) => r.status);

      expect(statuses).toContain(400);
      expect(statuses.at(-1)).toBe(200);
    } finally {
      app.simulator.state.now = base;
    }
  });

  it('a Phone licence that disappears mid-run stops the import, reported as incomplete', async () => {
    const { client, zoomEmail } = await agentWithHistory(60);

    await simControl(app, 'POST', '/sim/faults', {
      method: 'GET',
      path: '/v2/phone/users/me/call_history',
      status: 403,
      times: 1,
      body: { code: 2031, message: 'Zoom Phone has not been enabled for this account.' },
    });
    await connectZoom(app, client, 'phone', zoomEmail);

    const progress = await importFinished(client);

    expect(progress.state).toBe('incomplete');
    expect(progress.text).toMatch(/no longer has a Zoom Phone licence/);
    expect((await client.get('/api/integrations/zoom')).json.phone.state).toBe('not_licensed');
  });

  it('disconnecting during the run stops it cleanly; importing again later is idempotent', async () => {
    const { client, zoomEmail } = await agentWithHistory(150);

    await simControl(app, 'POST', '/sim/traffic', { latencyMs: 300 });
    await connectZoom(app, client, 'phone', zoomEmail);
    await waitFor(async () => (await client.get('/api/calls?limit=1')).json.calls.length > 0);
    await client.delete('/api/integrations/zoom/phone');

    const stopped = await importFinished(client);

    expect(stopped.state).toBe('cancelled');
    await simControl(app, 'DELETE', '/sim/traffic');

    await connectZoom(app, client, 'phone', zoomEmail);
    expect((await client.post('/api/integrations/zoom/phone/history-import')).status).toBe(202);
    expect(await importFinished(client)).toMatchObject({ state: 'done', calls: 150 });
  });

  it('re-running the import creates no duplicates', async () => {
    const { client, zoomEmail } = await agentWithHistory(70);

    await connectZoom(app, client, 'phone', zoomEmail);
    await importFinished(client);
    await client.post('/api/integrations/zoom/phone/history-import');

    const again = await waitFor(async () => {
      const { phone } = (await client.get('/api/integrations/zoom')).json;

      return phone.history?.state === 'done' ? phone.history : undefined;
    });

    expect(again.calls).toBe(70);
    expect((await client.get('/api/calls?limit=200')).json.calls).toHaveLength(70);
  });
});
