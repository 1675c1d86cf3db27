// POST /sim/calls acts out a call as Zoom Phone reports one (WEBHOOKS.md §2-3): the event
// sequence per direction and outcome, who sits on which side, consistent times.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aCall,
  aClock,
  aUser,
  deliveriesSettled,
  startSimulator,
  type SimUserView,
} from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

interface CallObject {
  call_id: string;
  caller: Record<string, unknown>;
  callee: Record<string, unknown>;
  ringing_start_time: string;
  connected_start_time?: string;
  answer_start_time?: string;
  call_end_time?: string;
  handup_result?: string;
}

const ZOOM_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('simulated calls', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let agent: SimUserView;

  beforeEach(async () => {
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url, now: aClock().now });
    agent = await aUser(sim, {
      email: 'dana.reyes@example.com',
      firstName: 'Dana',
      lastName: 'Reyes',
      phoneNumber: '+12065550110',
      extensionNumber: 2201,
    });
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  async function eventsOf(callId: string) {
    await deliveriesSettled(sim);

    return (
      receiver.received
        .map((request) => request.json)
        // Call-status events only: a voicemail's own event names the call too (issue 6).
        .filter((body) => body.event.startsWith('phone.call'))
        .filter((body) => (body.payload.object as CallObject).call_id === callId)
        .map((body) => ({
          event: body.event,
          accountId: body.payload.account_id as string,
          object: body.payload.object as CallObject,
        }))
    );
  }

  it.each([
    ['inbound', 'answered', ['callee_ringing', 'callee_answered', 'callee_ended'], undefined],
    ['inbound', 'missed', ['callee_ringing', 'callee_missed'], 'No Answer'],
    ['inbound', 'rejected', ['callee_ringing', 'callee_rejected'], 'Rejected'],
    ['inbound', 'voicemail', ['callee_ringing', 'callee_missed'], 'No Answer'],
    [
      'outbound',
      'answered',
      ['caller_ringing', 'caller_connected', 'caller_ended'],
      'Call connected',
    ],
    ['outbound', 'missed', ['caller_ringing', 'caller_ended'], 'Call Cancel'],
    ['outbound', 'rejected', ['caller_ringing', 'caller_ended'], 'Call Cancel'],
    ['outbound', 'voicemail', ['caller_ringing', 'caller_connected', 'caller_ended'], 'Voicemail'],
  ] as const)('sends an %s %s call as %j', async (direction, outcome, names, handup) => {
    const placed = await aCall(sim, { direction, outcome });
    const events = await eventsOf(placed.callId);
    const expected = names.map((name) => `phone.${name}`);

    expect(placed.callId).toMatch(/^[1-9]\d{18}$/);
    expect(placed.events).toEqual(expected);
    expect(events.map((e) => e.event)).toEqual(expected);
    expect(events.at(-1)?.object.handup_result).toBe(handup);
  });

  it('carries the agent’s account, user id, extension and number on the agent’s side', async () => {
    const inbound = await eventsOf((await aCall(sim, { direction: 'inbound' })).callId);
    const outbound = await eventsOf((await aCall(sim, { direction: 'outbound' })).callId);
    const agentSide = {
      user_id: agent.zoomUserId,
      extension_number: 2201,
      phone_number: '+12065550110',
    };

    for (const { accountId, object } of inbound) {
      expect(accountId).toBe(agent.accountId);
      expect(object.callee).toMatchObject({ ...agentSide, extension_type: 'user' });
    }

    for (const { accountId, object } of outbound) {
      expect(accountId).toBe(agent.accountId);
      expect(object.caller).toMatchObject({ ...agentSide, extension_type: 'user' });
    }
  });

  it('describes the outside party as a PSTN number', async () => {
    const events = await eventsOf(
      (await aCall(sim, { externalNumber: '+15125550147', externalName: 'Jordan Sample' })).callId,
    );
    const [ringing] = events;

    for (const { object } of events) {
      expect(object.caller).toMatchObject({
        extension_type: 'pstn',
        connection_type: 'pstn_off_net',
        phone_number: '+15125550147',
      });
      expect(object.caller).not.toHaveProperty('user_id');
    }

    expect(ringing?.object.caller.name).toBe('Jordan Sample');
  });

  it('keeps the times in order and the talk time equal to end minus answer', async () => {
    const events = await eventsOf(
      (await aCall(sim, { direction: 'outbound', ringSeconds: 7, talkSeconds: 95 })).callId,
    );
    const [ringing, connected, ended] = events.map((e) => e.object);
    const seconds = (time: string | undefined) => Date.parse(String(time)) / 1000;

    for (const time of [
      ringing?.ringing_start_time,
      connected?.connected_start_time,
      ended?.call_end_time,
    ]) {
      expect(time).toMatch(ZOOM_TIME);
    }

    expect(seconds(connected?.connected_start_time) - seconds(ringing?.ringing_start_time)).toBe(7);
    expect(seconds(ended?.answer_start_time)).toBe(seconds(connected?.connected_start_time));
    expect(seconds(ended?.call_end_time) - seconds(ended?.answer_start_time)).toBe(95);
  });

  it.each([
    ['no number at all', undefined],
    ['an empty number', ''],
    ['"anonymous"', 'anonymous'],
  ])('leaves the phone number out for a hidden caller with %s', async (_case, externalNumber) => {
    const events = await eventsOf(
      (await aCall(sim, { externalNumber, outcome: 'answered' })).callId,
    );

    for (const { object } of events) {
      expect(object.caller).not.toHaveProperty('phone_number');
      expect(object.caller).not.toHaveProperty('extension_number');
    }
  });

  it('fills a hidden caller’s required number on a missed call with what arrived', async () => {
    const absent = await eventsOf(
      (await aCall(sim, { externalNumber: undefined, outcome: 'missed' })).callId,
    );
    const empty = await eventsOf(
      (await aCall(sim, { externalNumber: '', outcome: 'missed' })).callId,
    );

    expect(absent[1]?.object.caller.phone_number).toBe('anonymous');
    expect(empty[1]?.object.caller.phone_number).toBe('');
  });

  it('acts out a sequence override in the order given, duplicates included', async () => {
    const sequence = ['phone.callee_ended', 'phone.callee_ringing', 'phone.callee_ended'];
    const placed = await aCall(sim, { outcome: 'answered', sequence });
    const events = await eventsOf(placed.callId);

    expect(placed.events).toEqual(sequence);
    expect(events.map((e) => e.event)).toEqual(sequence);
  });

  it('refuses a sequence with events of the other direction', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/sim/calls',
      payload: {
        userEmail: agent.email,
        direction: 'inbound',
        outcome: 'answered',
        sequence: ['phone.caller_ringing'],
      },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_REQUEST');
  });

  it('finds the agent by Zoom user id as well as by email', async () => {
    const placed = await aCall(sim, { userEmail: undefined, zoomUserId: agent.zoomUserId });

    expect((await eventsOf(placed.callId))[0]?.object.callee.user_id).toBe(agent.zoomUserId);
  });

  it('refuses a call for an unknown user or one without a Phone licence', async () => {
    await aUser(sim, { email: 'sam.ortiz@example.com', phoneLicence: false });

    const place = (userEmail: string) =>
      sim.app.inject({
        method: 'POST',
        url: '/sim/calls',
        payload: { userEmail, direction: 'inbound', outcome: 'answered' },
      });

    expect((await place('nobody@example.com')).statusCode).toBe(404);
    expect((await place('sam.ortiz@example.com')).statusCode).toBe(409);
  });
});
