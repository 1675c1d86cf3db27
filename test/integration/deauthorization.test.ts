import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { simControl } from '../support/sim-control.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { connectZoom, placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const connectionOf = (agent: ConnectedAgent) =>
  app.database.db
    .selectFrom('zoom_connections')
    .selectAll()
    .where('user_id', '=', agent.userId)
    .executeTakeFirstOrThrow();

async function agentWithACall() {
  const agent = await aConnectedAgent(app);

  await addContact(agent.client, 'Kept Contact', ['+15125550147']);

  const { callId } = await placeSimCall(app, {
    userEmail: agent.zoomEmail,
    direction: 'inbound',
    externalNumber: '+15125550147',
    outcome: 'answered',
  });

  await waitFor(async () =>
    (await agent.client.get('/api/calls')).json.calls.some(
      (c: { zoomCallId: string; status: string }) =>
        c.zoomCallId === callId && c.status === 'ended',
    ),
  );

  return agent;
}

function deauthorizedBody(agent: ConnectedAgent, fields: Record<string, unknown>) {
  return JSON.stringify({
    event: 'app_deauthorized',
    event_ts: Date.now(),
    payload: {
      account_id: agent.accountId,
      user_id: agent.zoomUserId,
      client_id: 'test-client-id',
      deauthorization_time: new Date().toISOString(),
      signature: `sig-${Math.random().toString(16).slice(2)}`,
      ...fields,
    },
  });
}

describe('uninstalling 1Thing in the Zoom App Marketplace', () => {
  it('removes the tokens, flips both cards to Removed in Zoom and drops later events', async () => {
    const agent = await agentWithACall();

    await simControl(app, 'POST', `/sim/users/${agent.zoomEmail}/uninstall`, {});

    const cards = await waitFor(async () => {
      const { json } = await agent.client.get('/api/integrations/zoom');

      return json.phone.state === 'removed_in_zoom' ? json : undefined;
    });

    expect(cards.meetings.state).toBe('removed_in_zoom');
    expect(cards.phone.message).toMatch(/removed in the Zoom App Marketplace/);
    expect(await connectionOf(agent)).toMatchObject({
      access_token_enc: null,
      refresh_token_enc: null,
    });

    const late = aCallEvent('phone.callee_missed', {
      callId: '7290001112223337001',
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      endedAt: '2026-12-03T16:00:00Z',
    });

    expect((await postWebhook(app.baseUrl, late)).status).toBe(200);

    const skipped = await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('dedupe_key', 'like', 'phone.callee_missed|7290001112223337001|%')
        .executeTakeFirst();

      return row?.status === 'skipped' ? row : undefined;
    });

    expect(skipped.outcome).toBe('unknown_zoom_user');

    const compliance = await waitFor(async () => {
      const { received } = await simControl(app, 'GET', '/sim/compliance');

      return received.find((r: { user_id: string }) => r.user_id === agent.zoomUserId);
    });

    expect(compliance).toMatchObject({ compliance_completed: true, account_id: agent.accountId });
  });

  it('field report 21: with user_data_retention "false", Zoom-derived data goes and CRM records stay', async () => {
    const agent = await agentWithACall();
    const response = await postWebhook(
      app.baseUrl,
      deauthorizedBody(agent, { user_data_retention: 'false' }),
    );

    expect(response.status).toBe(200);

    // Tokens go first, then the data; the audit line is written once both are done.
    await waitFor(async () =>
      (await agent.client.get('/api/privacy/audit')).json.entries.some(
        (e: { action: string }) => e.action === 'app_deauthorized',
      ),
    );

    expect((await connectionOf(agent)).status).toBe('revoked');
    expect((await agent.client.get('/api/calls')).json.calls).toEqual([]);
    expect(
      (await agent.client.get('/api/contacts')).json.contacts.map((c: { name: string }) => c.name),
    ).toEqual(['Kept Contact']);

    const trail = (await agent.client.get('/api/privacy/audit')).json.entries;

    expect(trail.map((e: { action: string }) => e.action)).toContain('app_deauthorized');
  });

  it('keeps the data when user_data_retention is true (as a boolean)', async () => {
    const agent = await agentWithACall();

    await postWebhook(app.baseUrl, deauthorizedBody(agent, { user_data_retention: true }));
    await waitFor(async () => (await connectionOf(agent)).status === 'revoked');

    expect((await agent.client.get('/api/calls')).json.calls).toHaveLength(1);
  });

  it('a replayed old uninstall does not disconnect an agent who authorized again since', async () => {
    const agent = await aConnectedAgent(app);
    const old = deauthorizedBody(agent, {
      deauthorization_time: new Date(Date.now() - 60_000).toISOString(),
    });

    expect((await postWebhook(app.baseUrl, old)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect((await connectionOf(agent)).status).toBe('connected');
    expect((await agent.client.get('/api/integrations/zoom')).json.phone.state).toBe('connected');
  });

  it('a forged uninstall gets 401 and deletes nothing; an unknown Zoom user gets 200', async () => {
    const agent = await aConnectedAgent(app);
    const forged = await postWebhook(app.baseUrl, deauthorizedBody(agent, {}), {
      secret: 'not-the-secret',
    });

    expect(forged.status).toBe(401);

    const unknown = await postWebhook(
      app.baseUrl,
      JSON.stringify({
        event: 'app_deauthorized',
        payload: { account_id: 'acct_x', user_id: 'zu_nobody', signature: 'abc' },
      }),
    );

    expect(unknown.status).toBe(200);
    await waitFor(async () =>
      app.logs.join('').includes('app_deauthorized for a zoom user we do not know'),
    );
    expect((await connectionOf(agent)).status).toBe('connected');
  });

  it('after removal the agent can connect again', async () => {
    const agent = await aConnectedAgent(app);

    await simControl(app, 'POST', `/sim/users/${agent.zoomEmail}/uninstall`, {});
    await waitFor(async () => (await connectionOf(agent)).status === 'revoked');

    const landing = await connectZoom(app, agent.client, 'phone', agent.zoomEmail);

    expect(landing.searchParams.get('connected')).toBe('phone');
    expect((await agent.client.get('/api/integrations/zoom')).json.phone.state).toBe('connected');
  });
});

describe('disconnecting and data requests from 1Thing', () => {
  it('Zoom down during revoke: tokens deleted anyway, the card says so, and the revoke is retried', async () => {
    const agent = await aConnectedAgent(app);

    await simControl(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/oauth/revoke',
      status: 503,
      times: 1,
    });

    const cards = (await agent.client.delete('/api/integrations/zoom/phone')).json;

    expect(cards.phone.state).toBe('not_connected');
    expect(cards.phone.message).toMatch(/keeps telling Zoom to revoke/);
    expect(await connectionOf(agent)).toMatchObject({
      access_token_enc: null,
      refresh_token_enc: null,
    });

    await waitFor(async () => {
      const pending = await app.database.db
        .selectFrom('pending_revocations')
        .select('id')
        .where('user_id', '=', agent.userId)
        .execute();

      return pending.length === 0;
    }, 15_000);
    expect((await agent.client.get('/api/integrations/zoom')).json.phone.message).toBeNull();
  });

  it('exports everything held from Zoom as JSON without any token, then deletes it, both audited', async () => {
    const agent = await agentWithACall();
    const exported = await agent.client.get('/api/privacy/zoom-data');

    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
    expect(exported.json.data.calls).toHaveLength(1);
    expect(exported.text).not.toMatch(/token_enc|access_token|refresh_token/);

    const deleted = await agent.client.post('/api/privacy/zoom-data/delete');

    expect(deleted.json.deleted.calls).toBe(1);
    expect((await agent.client.get('/api/calls')).json.calls).toEqual([]);
    expect((await agent.client.get('/api/contacts')).json.contacts).toHaveLength(1);

    const actions = (await agent.client.get('/api/privacy/audit')).json.entries.map(
      (e: { action: string }) => e.action,
    );

    expect(actions).toEqual(expect.arrayContaining(['zoom_data_exported', 'zoom_data_deleted']));
  });
});
