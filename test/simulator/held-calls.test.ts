// Calls held open (POST /sim/calls/held): they ring, or ring and connect, and send their end
// events only when hung up, through the control API or the call command the app's "End call"
// uses. Queue and shared-line calls carry Zoom's `forwarded_by`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aClock,
  apiGet,
  aUser,
  connect,
  deliveriesSettled,
  startSimulator,
} from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { contract, ZOOM_ERROR_SCHEMA } from './support/zoom-schemas.js';

describe('calls held open until someone hangs up', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let clock: ReturnType<typeof aClock>;

  beforeEach(async () => {
    receiver = await startReceiver();
    clock = aClock();
    sim = await startSimulator({ webhookUrl: receiver.url, now: clock.now });
    await aUser(sim, { email: 'dana.reyes@example.com' });
    await aUser(sim, { email: 'sam.ortiz@example.com' });
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  const post = (url: string, payload: Record<string, unknown> = {}, headers = {}) =>
    sim.app.inject({ method: 'POST', url, payload, headers });

  async function hold(body: Record<string, unknown>) {
    const response = await post('/sim/calls/held', {
      userEmail: 'dana.reyes@example.com',
      ...body,
    });

    expect(response.statusCode, response.body).toBe(202);

    return response.json() as { callId: string; state: string; events: string[] };
  }

  async function sent(callId: string) {
    await deliveriesSettled(sim);

    return receiver.received
      .map((request) => request.json as any)
      .filter((body) => body.payload.object.call_id === callId);
  }

  it('an inbound call rings and stays ringing until hung up, then is a missed call', async () => {
    const held = await hold({ direction: 'inbound', externalNumber: '+15125550147' });

    clock.advance(12_000);
    expect((await sent(held.callId)).map((body) => body.event)).toEqual(['phone.callee_ringing']);

    expect((await post(`/sim/calls/${held.callId}/hangup`)).statusCode).toBe(202);

    const bodies = await sent(held.callId);

    expect(bodies.map((body) => body.event)).toEqual([
      'phone.callee_ringing',
      'phone.callee_missed',
    ]);

    const missed = bodies[1].payload.object;

    expect(Date.parse(missed.call_end_time) - Date.parse(missed.ringing_start_time)).toBe(12_000);
    expect(missed.handup_result).toBe('No Answer');
  });

  it('answering then hanging up gives the answered sequence with the real talk time', async () => {
    const held = await hold({ direction: 'inbound', externalNumber: '+15125550147' });

    clock.advance(4_000);
    await post(`/sim/calls/${held.callId}/answer`);
    clock.advance(65_000);
    await post(`/sim/calls/${held.callId}/hangup`);

    const bodies = await sent(held.callId);
    const ended = bodies[2].payload.object;

    expect(bodies.map((body) => body.event)).toEqual([
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.callee_ended',
    ]);
    expect(Date.parse(ended.call_end_time) - Date.parse(ended.answer_start_time)).toBe(65_000);

    const token = (await connect(sim, 'dana.reyes@example.com')).access_token;
    const history = (await apiGet(sim, '/v2/phone/users/me/call_history', token)).json();

    expect(history.call_logs).toHaveLength(1);
    expect(history.call_logs[0]).toMatchObject({
      call_id: held.callId,
      result: 'answered',
      talk_time: 65,
    });
  });

  it('an outbound call can start connected; hanging up while ringing is a cancelled call', async () => {
    const connected = await hold({
      direction: 'outbound',
      externalNumber: '+15125550199',
      state: 'connected',
    });
    const ringing = await hold({ direction: 'outbound', externalNumber: '+15125550199' });

    await post(`/sim/calls/${ringing.callId}/hangup`);

    expect((await sent(connected.callId)).map((body) => body.event)).toEqual([
      'phone.caller_ringing',
      'phone.caller_connected',
    ]);
    expect(
      (await sent(ringing.callId)).map((body) => [body.event, body.payload.object.handup_result]),
    ).toEqual([
      ['phone.caller_ringing', undefined],
      ['phone.caller_ended', 'Call Cancel'],
    ]);
  });

  it('a call queue’s call names the queue in forwarded_by on the callee events that allow it', async () => {
    const held = await hold({
      direction: 'inbound',
      externalNumber: '+15125550147',
      via: { type: 'callQueue', name: 'Sales Queue', extensionNumber: '2900' },
    });

    await post(`/sim/calls/${held.callId}/hangup`);

    for (const body of await sent(held.callId)) {
      expect(body.payload.object.forwarded_by, body.event).toEqual({
        name: 'Sales Queue',
        extension_number: '2900',
        extension_type: 'callQueue',
      });
    }
  });

  it('refuses bad requests: no agent, routing an outbound call, answering twice, unknown ids', async () => {
    const held = await hold({
      direction: 'inbound',
      externalNumber: '+15125550147',
      state: 'connected',
    });
    const answers = [
      await post('/sim/calls/held', { direction: 'inbound' }),
      await post('/sim/calls/held', {
        userEmail: 'dana.reyes@example.com',
        direction: 'outbound',
        via: { type: 'callQueue' },
      }),
      await post(`/sim/calls/${held.callId}/answer`),
      await post('/sim/calls/123/hangup'),
    ];

    expect(answers.map((answer) => [answer.statusCode, answer.json().error.code])).toEqual([
      [400, 'INVALID_REQUEST'],
      [400, 'INVALID_REQUEST'],
      [409, 'CALL_NOT_RINGING'],
      [404, 'CALL_NOT_FOUND'],
    ]);
  });

  it('lists the open calls only', async () => {
    const open = await hold({ direction: 'inbound', externalNumber: '+15125550147' });
    const done = await hold({ direction: 'inbound', externalNumber: '+15125550147' });

    await post(`/sim/calls/${done.callId}/hangup`);

    const { calls } = (await sim.app.inject({ method: 'GET', url: '/sim/calls/held' })).json();

    expect(calls.map((call: { callId: string }) => call.callId)).toEqual([open.callId]);
  });

  it('serves a page to start, answer and hang up held calls by hand', async () => {
    const page = await sim.app.inject({ method: 'GET', url: '/live-calls' });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('dana.reyes@example.com');
    expect(page.body).toContain('/sim/calls/held');
  });

  describe('the call command the app’s End call uses', () => {
    const command = (callId: string, token: string, body: unknown = { command: 'end' }) =>
      sim.app.inject({
        method: 'POST',
        url: `/v2/phone/users/me/calls/${callId}/command`,
        headers: { authorization: `Bearer ${token}` },
        payload: body as Record<string, unknown>,
      });

    it('ends the token user’s open call with 204, and the call sends its ended event', async () => {
      const held = await hold({
        direction: 'outbound',
        externalNumber: '+15125550199',
        state: 'connected',
      });
      const token = (await connect(sim, 'dana.reyes@example.com')).access_token;
      const response = await command(held.callId, token);

      expect(response.statusCode).toBe(204);
      expect((await sent(held.callId)).at(-1)).toMatchObject({
        event: 'phone.caller_ended',
        payload: { object: { handup_result: 'Call connected' } },
      });
    });

    it('answers in Zoom’s error shape for another user’s call, an ended call, a bad command or token', async () => {
      const held = await hold({
        direction: 'outbound',
        externalNumber: '+15125550199',
        state: 'connected',
      });
      const dana = (await connect(sim, 'dana.reyes@example.com')).access_token;
      const sam = (await connect(sim, 'sam.ortiz@example.com')).access_token;
      const failures = [
        await command(held.callId, sam),
        await command(held.callId, dana, { command: 'hold' }),
        await command(held.callId, 'not-a-token'),
      ];

      await command(held.callId, dana);
      failures.push(await command(held.callId, dana));

      expect(failures.map((response) => response.statusCode)).toEqual([404, 400, 401, 404]);

      for (const response of failures) {
        contract(ZOOM_ERROR_SCHEMA).assert(response.json());
      }
    });
  });
});
