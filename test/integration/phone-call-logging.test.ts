import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import type { TestClient } from '../support/http-client.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';
import { placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

async function endedCall(client: TestClient, zoomCallId: string) {
  return waitFor(async () => {
    const { json } = await client.get('/api/calls?limit=200');
    const call = json.calls.find((c: { zoomCallId: string }) => c.zoomCallId === zoomCallId);

    return call?.status === 'ended' ? call : undefined;
  });
}

async function callsOf(client: TestClient, contactId: string) {
  return (await client.get(`/api/calls?contactId=${contactId}`)).json.calls;
}

describe('auto-logged Zoom Phone calls', () => {
  let agent: ConnectedAgent;
  let dana: { id: string };

  beforeAll(async () => {
    agent = await aConnectedAgent(app);
    dana = await addContact(agent.client, 'Dana Reyes', ['+1 (512) 555-0147']);
  });

  it('an answered inbound call from a contact is logged on that contact with its times', async () => {
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
      outcome: 'answered',
      talkSeconds: 95,
    });
    const call = await endedCall(agent.client, callId);

    expect(call).toMatchObject({
      direction: 'inbound',
      result: 'answered',
      talkSeconds: 95,
      match: 'single',
      externalNumber: '+15125550147',
      contacts: [{ id: dana.id, name: 'Dana Reyes' }],
    });
    expect(Date.parse(call.answeredAt)).toBeGreaterThan(Date.parse(call.startedAt));
    expect(Date.parse(call.endedAt) - Date.parse(call.answeredAt)).toBe(95_000);
  });

  it('field report 12: bare, 1-prefixed and dotted numbers all resolve to the same contact', async () => {
    for (const externalNumber of ['15125550147', '5125550147', '512.555.0147']) {
      const { callId } = await placeSimCall(app, {
        userEmail: agent.zoomEmail,
        direction: 'inbound',
        externalNumber,
        outcome: 'missed',
      });
      const call = await endedCall(agent.client, callId);

      expect(call.contacts, externalNumber).toEqual([{ id: dana.id, name: 'Dana Reyes' }]);
      expect(call.result).toBe('missed');
    }
  });

  it('field report 12: a number one digit off matches nobody and is listed as unknown', async () => {
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550148',
      outcome: 'rejected',
    });
    const call = await endedCall(agent.client, callId);

    expect(call).toMatchObject({ match: 'none', contacts: [], result: 'rejected' });

    const unmatched = await agent.client.get('/api/calls?unmatched=1');

    expect(unmatched.json.calls.map((c: { zoomCallId: string }) => c.zoomCallId)).toContain(callId);
  });

  it('an outbound call the contact answered is logged as outbound and answered', async () => {
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'outbound',
      externalNumber: '+15125550147',
      outcome: 'answered',
      talkSeconds: 30,
    });
    const call = await endedCall(agent.client, callId);

    expect(call).toMatchObject({
      direction: 'outbound',
      result: 'answered',
      talkSeconds: 30,
      match: 'single',
    });
  });

  it('out of order: an ended event before its ringing event still gives one ended call', async () => {
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
      outcome: 'answered',
      sequence: ['phone.callee_ended', 'phone.callee_answered', 'phone.callee_ringing'],
    });
    const call = await endedCall(agent.client, callId);

    await new Promise((resolve) => setTimeout(resolve, 300));

    const [again] = (await agent.client.get('/api/calls?limit=200')).json.calls.filter(
      (c: { zoomCallId: string }) => c.zoomCallId === callId,
    );

    expect(again).toEqual(call);
    expect(again.status).toBe('ended');
  });
});

describe('matching rules that keep calls off the wrong contacts', () => {
  it('field report 15: one call from a shared number gives one call linked to both contacts', async () => {
    const agent = await aConnectedAgent(app);
    const jo = await addContact(agent.client, 'Jo Lane', ['+15125550100']);
    const kim = await addContact(agent.client, 'Kim Ray', ['+15125550100']);
    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'outbound',
      externalNumber: '+15125550100',
      outcome: 'answered',
    });
    const call = await endedCall(agent.client, callId);

    expect(call.match).toBe('ambiguous');
    expect(call.contacts.map((c: { id: string }) => c.id).sort()).toEqual([jo.id, kim.id].sort());

    for (const event of ['phone.caller_ended', 'phone.caller_ringing']) {
      await fetch(`${app.simulatorUrl}/sim/webhooks/redeliver`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ callId, event }),
      });
    }

    await waitFor(async () => {
      const deliveries = await (await fetch(`${app.simulatorUrl}/sim/deliveries`)).json();
      const forCall = (deliveries.deliveries ?? deliveries).filter(
        (d: { callId: string }) => d.callId === callId,
      );

      return forCall.length >= 5;
    });

    const all = (await agent.client.get('/api/calls?limit=200')).json.calls;

    expect(all.filter((c: { zoomCallId: string }) => c.zoomCallId === callId)).toHaveLength(1);
    expect(await callsOf(agent.client, jo.id)).toHaveLength(1);
    expect(await callsOf(agent.client, kim.id)).toHaveLength(1);
  });

  it('field report 13: hidden and placeholder callers link to nobody, raw value kept', async () => {
    const agent = await aConnectedAgent(app);

    await addContact(agent.client, 'Has a number', ['+15125550199']);
    await agent.client.post('/api/contacts', { name: 'No phone', phones: [] });

    for (const externalNumber of [undefined, 'anonymous', 'Restricted', '', '-1']) {
      const { callId } = await placeSimCall(app, {
        userEmail: agent.zoomEmail,
        direction: 'inbound',
        ...(externalNumber !== undefined && { externalNumber }),
        outcome: 'missed',
      });
      const call = await endedCall(agent.client, callId);

      expect(call.contacts, String(externalNumber)).toEqual([]);
      expect(call.match).toBe('unknown_caller');
      expect(call.externalNumberDisplay).toBeNull();
    }

    const stored = await app.database.db
      .selectFrom('calls')
      .select('external_number_raw')
      .where('owner_id', '=', agent.userId)
      .execute();

    expect(stored.map((row) => row.external_number_raw)).toEqual(
      expect.arrayContaining(['anonymous', 'Restricted', '-1']),
    );
  });

  it('field report 14: a contact number with an extension matches its base number; an internal extension matches nobody', async () => {
    const agent = await aConnectedAgent(app);
    const desk = await addContact(agent.client, 'Maple Realty front desk', [
      '+1 512 555 0100 x204',
    ]);

    await addContact(agent.client, 'Suffix trap', ['+15125551009']);

    const contact = (await agent.client.get(`/api/contacts/${desk.id}`)).json.contact;

    expect(contact.phones[0]).toMatchObject({ e164: '+15125550100', extension: '204' });

    const external = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550100',
      outcome: 'answered',
    });

    expect((await endedCall(agent.client, external.callId)).contacts).toEqual([
      { id: desk.id, name: 'Maple Realty front desk' },
    ]);

    const internalCallId = '7290001112223330014';
    const body = aCallEvent('phone.callee_ended', {
      callId: internalCallId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      other: { extension_number: 1009 },
      endedAt: '2026-12-03T15:01:00Z',
    });

    expect((await postWebhook(app.baseUrl, body)).status).toBe(200);

    const internal = await endedCall(agent.client, internalCallId);

    expect(internal).toMatchObject({
      match: 'internal',
      contacts: [],
      externalNumberDisplay: '1009',
    });
  });

  it('field report 13: a phone.caller_ended whose other side is hidden links to nobody', async () => {
    const agent = await aConnectedAgent(app);

    await addContact(agent.client, 'Has a number', ['+15125550199']);

    for (const [index, other] of [
      {},
      { phone_number: 'anonymous' },
      { phone_number: '-1' },
    ].entries()) {
      const callId = `729000111222333090${index}`;
      const body = aCallEvent('phone.caller_ended', {
        callId,
        accountId: agent.accountId,
        agentZoomUserId: agent.zoomUserId,
        other: { extension_type: 'pstn', ...other },
        endedAt: '2026-12-03T15:01:00Z',
        handupResult: 'Call Cancel',
      });

      expect((await postWebhook(app.baseUrl, body)).status).toBe(200);
      expect(await endedCall(agent.client, callId)).toMatchObject({
        direction: 'outbound',
        match: 'unknown_caller',
        contacts: [],
        externalNumberDisplay: null,
      });
    }
  });

  it('an answered call whose ended event omits the answer time is still answered', async () => {
    const agent = await aConnectedAgent(app);
    const callId = '7290001112223330950';
    const event = (name: string, extra: Record<string, string>) =>
      aCallEvent(name, {
        callId,
        accountId: agent.accountId,
        agentZoomUserId: agent.zoomUserId,
        otherNumber: '+15125550147',
        ...extra,
      });

    await postWebhook(
      app.baseUrl,
      event('phone.callee_ended', { endedAt: '2026-12-03T15:02:00Z' }),
    );
    await postWebhook(
      app.baseUrl,
      event('phone.callee_answered', { answeredAt: '2026-12-03T15:00:10Z' }),
    );

    await waitFor(async () => (await endedCall(agent.client, callId)).result === 'answered');
    expect((await endedCall(agent.client, callId)).talkSeconds).toBe(110);
  });

  it('a call from the agent’s own Zoom number is never linked to a contact', async () => {
    const agent = await aConnectedAgent(app);

    await addContact(agent.client, 'Myself saved as a contact', [agent.phoneNumber]);

    const { callId } = await placeSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: agent.phoneNumber,
      outcome: 'missed',
    });

    expect((await endedCall(agent.client, callId)).contacts).toEqual([]);
  });
});

describe('events that must be acknowledged and dropped', () => {
  it('events for a Zoom user nobody connected get 200 and are skipped with a log line', async () => {
    const body = aCallEvent('phone.callee_missed', {
      callId: '7290001112223330077',
      accountId: 'acct_unknown',
      agentZoomUserId: 'zu_unknown',
      otherNumber: '+15125550147',
      endedAt: '2026-12-03T15:00:30Z',
    });
    const response = await postWebhook(app.baseUrl, body);

    expect(response.status).toBe(200);

    const entry = await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('zoom_user_id', '=', 'zu_unknown')
        .executeTakeFirst();

      return row?.status === 'skipped' ? row : undefined;
    });

    expect(entry.outcome).toBe('unknown_zoom_user');
    expect(
      await app.database.db
        .selectFrom('calls')
        .select('id')
        .where('zoom_call_id', '=', '7290001112223330077')
        .execute(),
    ).toEqual([]);
  });
});
