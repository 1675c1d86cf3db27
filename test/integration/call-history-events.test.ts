import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

let app: TestApp;
let agent: ConnectedAgent;
let dana: { id: string };

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
  dana = await addContact(agent.client, 'Dana Reyes', ['+1 (512) 555-0147']);
});
afterAll(async () => app.close());

/** A phone.callee_call_element_completed body (phone-webhooks.json), one record. */
function callElementCompleted(record: Record<string, unknown>) {
  return JSON.stringify({
    event: 'phone.callee_call_element_completed',
    event_ts: Date.now(),
    payload: {
      account_id: agent.accountId,
      object: {
        user_id: agent.zoomUserId,
        call_elements: [
          {
            call_element_id: `20261203-${record.call_id as string}`,
            call_history_uuid: `20261203-h-${record.call_id as string}`,
            direction: 'inbound',
            connect_type: 'external',
            caller_name: 'WIRELESS CALLER',
            caller_did_number: '+15125550147',
            caller_number_type: 'external_pstn',
            callee_did_number: agent.phoneNumber,
            callee_ext_type: 'user',
            start_time: '2026-12-03T15:00:00Z',
            answer_time: '2026-12-03T15:00:06Z',
            end_time: '2026-12-03T15:03:06Z',
            result: 'answered',
            talk_time: 170,
            ...record,
          },
        ],
      },
    },
  });
}

const callById = (zoomCallId: string) =>
  waitFor(async () => {
    const { json } = await agent.client.get('/api/calls?limit=200');

    return json.calls.find((c: { zoomCallId: string }) => c.zoomCallId === zoomCallId);
  });

describe('call-history events (phone.*_call_element_completed)', () => {
  it('log a call on their own, matched to the contact, with Zoom’s talk time', async () => {
    const response = await postWebhook(
      app.baseUrl,
      callElementCompleted({ call_id: '7290001112223331001' }),
    );

    expect(response.status).toBe(200);

    const call = await callById('7290001112223331001');

    expect(call).toMatchObject({
      status: 'ended',
      result: 'answered',
      talkSeconds: 170,
      direction: 'inbound',
      contacts: [{ id: dana.id, name: 'Dana Reyes' }],
    });
  });

  it('fill in a call already logged from live events, never duplicating it', async () => {
    const callId = '7290001112223331002';
    const live = aCallEvent('phone.callee_ended', {
      callId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      ringingAt: '2026-12-03T15:00:00Z',
      answeredAt: '2026-12-03T15:00:06Z',
      endedAt: '2026-12-03T15:03:06Z',
    });

    await postWebhook(app.baseUrl, live);
    expect((await callById(callId)).talkSeconds).toBe(180);

    await postWebhook(app.baseUrl, callElementCompleted({ call_id: callId, talk_time: 150 }));
    await waitFor(async () => (await callById(callId)).talkSeconds === 150);

    const all = (await agent.client.get('/api/calls?limit=200')).json.calls;

    expect(all.filter((c: { zoomCallId: string }) => c.zoomCallId === callId)).toHaveLength(1);
  });

  it('keep internal and anonymous parties away from contacts', async () => {
    await postWebhook(
      app.baseUrl,
      callElementCompleted({
        call_id: '7290001112223331003',
        connect_type: 'internal',
        caller_did_number: '+15125550147',
        caller_ext_type: 'user',
        caller_ext_number: '1009',
      }),
    );
    await postWebhook(
      app.baseUrl,
      callElementCompleted({
        call_id: '7290001112223331004',
        caller_number_type: 'anonymous_number',
      }),
    );

    expect(await callById('7290001112223331003')).toMatchObject({
      match: 'internal',
      contacts: [],
    });
    expect(await callById('7290001112223331004')).toMatchObject({
      match: 'unknown_caller',
      contacts: [],
    });
  });

  it('map Zoom’s results: no_answer is missed, voicemail stays voicemail', async () => {
    await postWebhook(
      app.baseUrl,
      callElementCompleted({
        call_id: '7290001112223331005',
        result: 'voicemail',
        answer_time: undefined,
      }),
    );
    await postWebhook(
      app.baseUrl,
      callElementCompleted({
        call_id: '7290001112223331006',
        result: 'no_answer',
        answer_time: undefined,
      }),
    );

    expect((await callById('7290001112223331005')).result).toBe('voicemail');
    expect((await callById('7290001112223331006')).result).toBe('missed');
  });
});
