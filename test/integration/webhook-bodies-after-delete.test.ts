import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

let callCounter = 0;

/** A missed call, delivered as Zoom would, and waited for until it is logged. */
async function aDeliveredCall(agent: ConnectedAgent) {
  callCounter += 1;

  const callId = `72900055500${callCounter}${process.pid}`;
  const body = aCallEvent('phone.callee_missed', {
    callId,
    accountId: agent.accountId,
    agentZoomUserId: agent.zoomUserId,
    otherNumber: '+15125550177',
    endedAt: '2026-12-03T16:00:00Z',
  });

  expect((await postWebhook(app.baseUrl, body)).status).toBe(200);
  await waitFor(async () => (await agent.client.get('/api/calls')).json.calls.length > 0);

  return { callId, body };
}

const deliveriesOf = (agent: ConnectedAgent) =>
  app.database.db
    .selectFrom('webhook_inbox')
    .select(['dedupe_key', 'body', 'status'])
    .where('zoom_user_id', '=', agent.zoomUserId)
    .execute();

describe('webhook bodies after a data request', () => {
  it('"delete my Zoom data" blanks the agent’s stored bodies, keeps their dedupe keys, and leaves another agent’s', async () => {
    const agent = await aConnectedAgent(app);
    const bystander = await aConnectedAgent(app);
    const { callId } = await aDeliveredCall(agent);

    await aDeliveredCall(bystander);
    await waitFor(async () => (await deliveriesOf(agent)).every((row) => row.status !== 'pending'));

    expect((await deliveriesOf(agent)).map((row) => row.body.includes(callId))).toEqual([true]);

    const deleted = await agent.client.post('/api/privacy/zoom-data/delete');

    expect(deleted.json.deleted.webhook_deliveries).toBe(1);

    const after = await deliveriesOf(agent);

    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ body: '', status: 'processed' });
    expect(after[0]?.dedupe_key).toContain(callId);
    expect((await deliveriesOf(bystander))[0]?.body).toContain(bystander.zoomUserId);
  });

  it('a replay of a delivery whose body was blanked is recognised and does not bring the call back', async () => {
    const agent = await aConnectedAgent(app);
    const { body } = await aDeliveredCall(agent);

    await waitFor(async () => (await deliveriesOf(agent)).every((row) => row.status !== 'pending'));
    await agent.client.post('/api/privacy/zoom-data/delete');

    const replay = await postWebhook(app.baseUrl, body);

    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({ received: true, duplicate: true });
    // Give a wrongly queued job the time to run before looking.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await agent.client.get('/api/calls')).json.calls).toEqual([]);
  });
});
