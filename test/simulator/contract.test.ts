// Every body the simulator gives or sends is checked against Zoom's own published schemas
// (shared/zoom/openapi/), closed to members those schemas do not name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aCall,
  apiGet,
  aUser,
  connect,
  deliveriesSettled,
  startSimulator,
  type CallBody,
} from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import {
  contract,
  phoneApiResponse,
  phoneWebhook,
  USERS_ME_SCHEMA,
  ZOOM_ERROR_SCHEMA,
} from './support/zoom-schemas.js';

const CALLS: Array<Partial<CallBody>> = [
  { direction: 'inbound', outcome: 'answered', externalName: 'Jordan Sample' },
  { direction: 'inbound', outcome: 'missed' },
  { direction: 'inbound', outcome: 'rejected' },
  { direction: 'inbound', outcome: 'voicemail' },
  { direction: 'outbound', outcome: 'answered', externalName: 'Jordan Sample' },
  { direction: 'outbound', outcome: 'missed' },
  { direction: 'outbound', outcome: 'rejected' },
  { direction: 'outbound', outcome: 'voicemail' },
  // Hidden callers, where the caller's phone_number is optional and where it is required.
  { direction: 'inbound', outcome: 'answered', externalNumber: undefined },
  { direction: 'inbound', outcome: 'missed', externalNumber: '' },
  { direction: 'inbound', outcome: 'rejected', externalNumber: 'anonymous' },
];

describe('contract with Zoom’s published schemas', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let agentToken: string;
  let unlicensedToken: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url });
    await aUser(sim, { email: 'dana.reyes@example.com' });
    await aUser(sim, { email: 'sam.ortiz@example.com', phoneLicence: false });
    agentToken = (await connect(sim, 'dana.reyes@example.com')).access_token;
    unlicensedToken = (await connect(sim, 'sam.ortiz@example.com')).access_token;

    for (const call of CALLS) {
      await aCall(sim, call);
    }

    await deliveriesSettled(sim);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it('rejects a body with a required field removed, so a pass means something', () => {
    const ringing = receiver.received.find((r) => r.json.event === 'phone.callee_ringing');
    const body = structuredClone(ringing?.json) as unknown as {
      payload: { object: { call_id?: string } };
    };

    contract(phoneWebhook('phone.callee_ringing')).assert(body);
    delete body.payload.object.call_id;

    expect(() => contract(phoneWebhook('phone.callee_ringing'), 'zoom').assert(body)).toThrow(
      /call_id/,
    );
  });

  it('rejects a member the schema does not name when the schema is closed', () => {
    const extra = { ...A_USERS_ME_BODY, nickname: 'Dee' };

    expect(() => contract(USERS_ME_SCHEMA, 'zoom').assert(extra)).not.toThrow();
    expect(() => contract(USERS_ME_SCHEMA).assert(extra)).toThrow(/additional properties/);
  });

  it('sends every phone call event of every outcome in its published shape', () => {
    // The voicemail call's phone.voicemail_received is checked in phone-media.contract.test.ts.
    const callEvents = receiver.received.filter((r) => r.json.event.startsWith('phone.call'));
    const seen = new Set(callEvents.map((r) => r.json.event));

    expect([...seen].sort()).toEqual([
      'phone.callee_answered',
      'phone.callee_ended',
      'phone.callee_missed',
      'phone.callee_rejected',
      'phone.callee_ringing',
      'phone.caller_connected',
      'phone.caller_ended',
      'phone.caller_ringing',
    ]);

    for (const [index, request] of callEvents.entries()) {
      contract(phoneWebhook(request.json.event)).assert(
        request.json,
        `webhook #${index} ${request.json.event}`,
      );
    }
  });

  it('answers GET /users/me in the shape API.md §2 documents', async () => {
    const response = await apiGet(sim, '/v2/users/me', agentToken);

    expect(response.statusCode).toBe(200);
    contract(USERS_ME_SCHEMA).assert(response.json());
  });

  it('answers GET /phone/users/me in the published shape, and 403 as a Zoom error', async () => {
    const licensed = await apiGet(sim, '/v2/phone/users/me', agentToken);
    const unlicensed = await apiGet(sim, '/v2/phone/users/me', unlicensedToken);

    expect(licensed.statusCode).toBe(200);
    contract(phoneApiResponse('/phone/users/{userId}')).assert(licensed.json());
    expect(unlicensed.statusCode).toBe(403);
    contract(ZOOM_ERROR_SCHEMA).assert(unlicensed.json());
  });

  it('answers GET /phone/users/me/call_history in the published shape', async () => {
    const response = await apiGet(sim, '/v2/phone/users/me/call_history?page_size=300', agentToken);
    const body = response.json();

    expect(response.statusCode).toBe(200);
    expect(body.call_logs).toHaveLength(CALLS.length);
    expect(body.call_elements).toHaveLength(CALLS.length);
    contract(phoneApiResponse('/phone/users/{userId}/call_history')).assert(body);
  });

  it('answers call-history and token failures in Zoom’s error shape', async () => {
    const failures = [
      await apiGet(sim, '/v2/phone/users/me/call_history?from=2026-01-01', agentToken),
      await apiGet(sim, '/v2/phone/users/me/call_history?next_page_token=nope', agentToken),
      await apiGet(sim, '/v2/phone/users/me/call_history', unlicensedToken),
      await apiGet(sim, '/v2/users/me', 'not-a-token'),
    ];

    expect(failures.map((response) => response.statusCode)).toEqual([400, 400, 403, 401]);

    for (const response of failures) {
      contract(ZOOM_ERROR_SCHEMA).assert(response.json());
    }
  });
});

// API.md §2's example values.
const A_USERS_ME_BODY = {
  id: 'Kq3xVb9TQe2mLr8sN1pAzw',
  account_id: 'Ab12Cd34Ef56Gh78Ij90Kl',
  email: 'agent.one@example.com',
  first_name: 'Dana',
  last_name: 'Reyes',
  display_name: 'Dana Reyes',
  timezone: 'America/Chicago',
  type: 2,
  status: 'active',
};
