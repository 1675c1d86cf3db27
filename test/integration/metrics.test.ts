import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnectionByUser } from '../../src/integrations/zoom/connections.repo.js';
import { getPhoneUser } from '../../src/zoom/phone.api.js';
import { aConnectedAgent } from '../support/connected-agent.js';
import { openEventStream } from '../support/event-stream.js';
import { simControl } from '../support/sim-control.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';

/** The value of one series in a Prometheus text page (0 when the series is not there yet). */
function valueOf(page: string, series: string): number {
  const line = page.split('\n').find((candidate) => candidate.startsWith(`${series} `));

  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(app: TestApp, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.baseUrl}/metrics`, { headers });

  return {
    status: response.status,
    type: response.headers.get('content-type'),
    page: await response.text(),
  };
}

const stored = 'onething_webhooks_received_total{result="stored"}';
const rejected = (reason: string) => `onething_webhooks_rejected_total{reason="${reason}"}`;
const lagCount = 'onething_webhook_processing_lag_seconds_count';

describe('GET /metrics without METRICS_TOKEN', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app?.close());

  it('answers a scraper on this machine in the Prometheus text format', async () => {
    const { status, type, page } = await scrape(app);

    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(page).toContain('# TYPE onething_webhooks_received_total counter');
    expect(page).toContain('# TYPE onething_webhook_processing_lag_seconds histogram');
    expect(page).toMatch(/^onething_webhooks_pending \d+$/m);
  });

  it('refuses a request relayed by a proxy, which may come from anywhere', async () => {
    // Whichever header the proxy on this host sets (nginx often sets only X-Real-IP).
    for (const header of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'via']) {
      const { status, page } = await scrape(app, { [header]: '203.0.113.9' });

      expect(status, header).toBe(403);
      expect(page).not.toContain('onething_');
    }
  });

  it('counts an accepted webhook, then its processing lag once the job is done with it', async () => {
    const before = (await scrape(app)).page;
    const body = aCallEvent('phone.callee_ringing', {
      callId: 'metrics-call-1',
      accountId: 'acct-nobody',
      agentZoomUserId: 'zoom-user-nobody',
      otherNumber: '+16045550147',
    });

    expect((await postWebhook(app.baseUrl, body)).status).toBe(200);

    const after = (await scrape(app)).page;

    expect(valueOf(after, stored) - valueOf(before, stored)).toBe(1);

    const processed = await waitFor(async () => {
      const page = (await scrape(app)).page;

      return valueOf(page, lagCount) > valueOf(before, lagCount) && page;
    });

    expect(valueOf(processed, 'onething_webhooks_pending')).toBe(0);
  });

  it('counts rejected webhooks by reason', async () => {
    const before = (await scrape(app)).page;
    const body = aCallEvent('phone.callee_ringing', {
      callId: 'metrics-call-2',
      accountId: 'acct-nobody',
      agentZoomUserId: 'zoom-user-nobody',
    });
    const stale = String(Math.floor(Date.now() / 1000) - 3600);

    expect(
      (await postWebhook(app.baseUrl, body, { signature: `v0=${'0'.repeat(64)}` })).status,
    ).toBe(401);
    expect((await postWebhook(app.baseUrl, body, { timestamp: stale })).status).toBe(401);
    expect((await postWebhook(app.baseUrl, '{not json')).status).toBe(400);
    expect((await postWebhook(app.baseUrl, 'x'.repeat(2 * 1024 * 1024))).status).toBe(413);

    const after = (await scrape(app)).page;
    const moved = (reason: string) =>
      valueOf(after, rejected(reason)) - valueOf(before, rejected(reason));

    expect(moved('signature_mismatch')).toBe(1);
    expect(moved('timestamp_outside_window')).toBe(1);
    expect(moved('malformed_json')).toBe(1);
    expect(moved('too_large')).toBe(1);
    expect(valueOf(after, stored)).toBe(valueOf(before, stored));
  });

  it('shows the event streams open on this instance, and nobody in them', async () => {
    const agent = await app.createAgent('metrics-agent@example.com');
    const clients = async () => valueOf((await scrape(app)).page, 'onething_sse_clients');
    const idle = await clients();
    const stream = await openEventStream(agent);

    await stream.next((event) => event.type === 'snapshot');
    expect(await clients()).toBe(idle + 1);

    const page = (await scrape(app)).page;

    expect(page).not.toContain('metrics-agent');
    await stream.close();
    await waitFor(async () => (await clients()) === idle);
  });

  it('counts token refreshes and Zoom 429s', async () => {
    const agent = await aConnectedAgent(app);
    const { zoom, zoomAccess } = app.started.context;
    const connection = await findConnectionByUser(app.database.db, agent.userId);
    const refreshed = 'onething_zoom_token_refreshes_total{result="ok"}';
    const limited = 'onething_zoom_rate_limited_total{operation="phone.users.me"}';
    const before = (await scrape(app)).page;

    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1000 })
      .where('user_id', '=', agent.userId)
      .execute();
    await zoomAccess.call(connection?.id ?? '', (token) => getPhoneUser(zoom, token));
    await simControl(app, 'POST', '/sim/traffic', { throttleForMs: 60_000 });

    try {
      await expect(
        zoomAccess.call(connection?.id ?? '', (token) => getPhoneUser(zoom, token)),
      ).rejects.toMatchObject({ status: 429 });
    } finally {
      await simControl(app, 'DELETE', '/sim/traffic');
    }

    const after = (await scrape(app)).page;

    expect(valueOf(after, refreshed) - valueOf(before, refreshed)).toBe(1);
    expect(valueOf(after, limited) - valueOf(before, limited)).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'scraper-token-0123456789';
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: token } });
  });

  afterAll(() => app?.close());

  it('asks for the bearer token, even on this machine', async () => {
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(
      401,
    );
  });

  it('takes the scheme in any case, as HTTP allows', async () => {
    expect((await scrape(app, { authorization: `bearer ${token}` })).status).toBe(200);
  });

  it('answers a scraper that sends it, through a proxy too', async () => {
    const { status, page } = await scrape(app, {
      authorization: `Bearer ${token}`,
      'x-forwarded-for': '203.0.113.9',
    });

    expect(status).toBe(200);
    expect(page).toContain('onething_sse_clients');
  });

  it('never prints the token in the logs', () => {
    expect(app.logs.join('')).not.toContain(token);
  });
});
