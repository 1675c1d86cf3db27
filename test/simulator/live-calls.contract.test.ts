// The bodies of held-open and queue-routed calls, checked against Zoom's published schemas
// (shared/zoom/openapi/phone-webhooks.json and phone-api.json), closed to members they do not
// name, like contract.test.ts does for the calls POST /sim/calls acts out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  apiGet,
  aUser,
  connect,
  deliveriesSettled,
  startSimulator,
} from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { contract, phoneApiResponse, phoneWebhook } from './support/zoom-schemas.js';

// Each: how the call is held, and whether it is answered before it is hung up.
const HELD: Array<{ body: Record<string, unknown>; answer?: boolean }> = [
  { body: { direction: 'inbound', externalNumber: '+15125550147', externalName: 'Jordan Sample' } },
  { body: { direction: 'inbound', externalNumber: '+15125550147' }, answer: true },
  { body: { direction: 'inbound' } },
  {
    body: { direction: 'inbound', externalNumber: '+15125550147', via: { type: 'callQueue' } },
    answer: true,
  },
  {
    body: {
      direction: 'inbound',
      externalNumber: '+15125550147',
      via: { type: 'sharedLineGroup' },
    },
  },
  { body: { direction: 'outbound', externalNumber: '+15125550199', state: 'connected' } },
  { body: { direction: 'outbound', externalNumber: '+15125550199' } },
];

describe('held and routed calls keep to Zoom’s published schemas', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url });
    await aUser(sim, { email: 'dana.reyes@example.com' });

    const token = (await connect(sim, 'dana.reyes@example.com')).access_token;

    for (const [index, { body, answer }] of HELD.entries()) {
      const started = await sim.app.inject({
        method: 'POST',
        url: '/sim/calls/held',
        payload: { userEmail: 'dana.reyes@example.com', ...body },
      });
      const { callId } = started.json();

      if (answer) await sim.app.inject({ method: 'POST', url: `/sim/calls/${callId}/answer` });

      // Half are ended by the app's call command, half from the control API.
      await sim.app.inject(
        index % 2 === 0
          ? { method: 'POST', url: `/sim/calls/${callId}/hangup` }
          : {
              method: 'POST',
              url: `/v2/phone/users/me/calls/${callId}/command`,
              headers: { authorization: `Bearer ${token}` },
              payload: { command: 'end' },
            },
      );
    }

    await deliveriesSettled(sim);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it('sends every event in its published shape, forwarded_by included', () => {
    const events = receiver.received.map((request) => request.json.event);

    expect(new Set(events)).toEqual(
      new Set([
        'phone.callee_ringing',
        'phone.callee_answered',
        'phone.callee_missed',
        'phone.callee_ended',
        'phone.caller_ringing',
        'phone.caller_connected',
        'phone.caller_ended',
      ]),
    );
    expect(
      receiver.received.filter(
        (request) => 'forwarded_by' in (request.json.payload.object as object),
      ),
    ).toHaveLength(5);

    for (const [index, request] of receiver.received.entries()) {
      contract(phoneWebhook(request.json.event)).assert(
        request.json,
        `webhook #${index} ${request.json.event}`,
      );
    }
  });

  it('writes their call history, once ended, in the published shape', async () => {
    const token = (await connect(sim, 'dana.reyes@example.com')).access_token;
    const response = await apiGet(sim, '/v2/phone/users/me/call_history?page_size=300', token);

    expect(response.statusCode).toBe(200);
    expect(response.json().call_logs).toHaveLength(HELD.length);
    contract(phoneApiResponse('/phone/users/{userId}/call_history')).assert(response.json());
  });
});
