// Webhook delivery as WEBHOOKS.md §1 documents Zoom's: signed over the raw bytes, retried on
// 5xx and timeouts (re-signed each time), never on 3xx/4xx, one call's events in order.
import { createHmac } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator, SimulatorOptions } from '../../simulator/simulator.js';
import {
  aCall,
  aClock,
  APP,
  aUser,
  deliveriesSettled,
  startSimulator,
} from './support/simulator.fixture.js';
import { type Received, startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

function expectedSignature(request: Received, secret = APP.webhookSecretToken): string {
  const timestamp = String(request.headers['x-zm-request-timestamp']);
  const mac = createHmac('sha256', secret)
    .update(`v0:${timestamp}:`)
    .update(request.rawBody)
    .digest('hex');

  return `v0=${mac}`;
}

describe('webhook delivery', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let clock: ReturnType<typeof aClock>;

  async function start(options: Partial<SimulatorOptions> = {}) {
    sim = await startSimulator({ webhookUrl: receiver.url, now: clock.now, ...options });
    await aUser(sim, { email: 'dana.reyes@example.com' });
  }

  beforeEach(async () => {
    clock = aClock();
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  it('signs each event over its raw bytes with the secret token, with Zoom’s headers', async () => {
    await start();
    await aCall(sim, { outcome: 'missed' });

    const [ringing] = await receiver.waitForCount(2);

    expect(ringing?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(ringing?.headers['user-agent']).toBe('Zoom Marketplace/1.0a');
    expect(ringing?.headers['x-zm-trackingid']).toBeTruthy();
    expect(ringing?.headers['x-zm-request-timestamp']).toBe(String(clock.now() / 1000));
    expect(ringing?.headers['x-zm-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(ringing?.headers['x-zm-signature']).toBe(expectedSignature(ringing as Received));
    expect(ringing?.headers['x-zm-signature']).not.toBe(
      expectedSignature(ringing as Received, 'another-secret'),
    );
  });

  it('retries a 500 after each configured delay until a 2xx arrives', async () => {
    receiver.respondWith((_request, index) => ({ status: index < 2 ? 500 : 204 }));
    await start({ webhookRetryDelaysMs: [40, 80, 120] });
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });

    const { deliveries } = await deliveriesSettled(sim);
    const [first, second, third] = receiver.received;

    expect(deliveries.map((d) => [d.attempt, d.status, d.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 204, true],
    ]);
    expect(Number(second?.receivedAt) - Number(first?.receivedAt)).toBeGreaterThanOrEqual(35);
    expect(Number(third?.receivedAt) - Number(second?.receivedAt)).toBeGreaterThanOrEqual(75);
  });

  it('retries when the receiver does not answer within the timeout', async () => {
    receiver.respondWith((_request, index) => ({ delayMs: index === 0 ? 400 : 0 }));
    await start({ webhookTimeoutMs: 100 });
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries.map((d) => [d.attempt, d.status, d.error])).toEqual([
      [1, null, 'timeout'],
      [2, 200, null],
    ]);
  });

  it('retries when nothing listens at the webhook URL', async () => {
    const closedUrl = receiver.url;

    await receiver.close();
    receiver = await startReceiver();
    await start({ webhookUrl: closedUrl });
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries).toHaveLength(4);
    expect(
      deliveries.every((d) => d.status === null && /^connection_failed/.test(String(d.error))),
    ).toBe(true);
  });

  it.each([400, 401, 404, 429, 302])('does not retry a %i', async (status) => {
    receiver.respondWith(() => ({ status }));
    await start();
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries.map((d) => [d.attempt, d.status, d.delivered])).toEqual([[1, status, false]]);
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up after three retries', async () => {
    receiver.respondWith(() => ({ status: 503 }));
    await start();
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
    expect(receiver.received).toHaveLength(4);
  });

  it('signs every retry afresh, with the time it is sent', async () => {
    receiver.respondWith((_request, index) => {
      clock.advance(5 * 60_000);

      return { status: index < 2 ? 500 : 200 };
    });
    await start();
    await aCall(sim, { outcome: 'missed', sequence: ['phone.callee_ringing'] });
    await deliveriesSettled(sim);

    const timestamps = receiver.received.map((r) => r.headers['x-zm-request-timestamp']);
    const signatures = receiver.received.map((r) => r.headers['x-zm-signature']);

    expect(new Set(timestamps).size).toBe(3);
    expect(new Set(signatures).size).toBe(3);

    for (const request of receiver.received) {
      expect(request.headers['x-zm-signature']).toBe(expectedSignature(request));
    }
  });

  it('holds a call’s next event until the one before is delivered', async () => {
    receiver.respondWith((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    await start();
    await aCall(sim, { outcome: 'answered' });
    await deliveriesSettled(sim);

    expect(receiver.received.map((r) => r.json.event)).toEqual([
      'phone.callee_ringing',
      'phone.callee_ringing',
      'phone.callee_answered',
      'phone.callee_ended',
    ]);
  });

  it('moves on to a call’s next event once the one before is given up', async () => {
    receiver.respondWith((request) => ({
      status: request.json.event === 'phone.callee_ringing' ? 400 : 200,
    }));
    await start();
    await aCall(sim, { outcome: 'missed' });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries.map((d) => [d.event, d.delivered])).toEqual([
      ['phone.callee_ringing', false],
      ['phone.callee_missed', true],
    ]);
  });

  it('delivers different calls side by side', async () => {
    await start();

    const slow = await aCall(sim, { outcome: 'answered' });

    receiver.respondWith((request) => ({
      delayMs:
        (request.json.payload.object as { call_id: string }).call_id === slow.callId ? 150 : 0,
    }));

    const fast = await aCall(sim, { outcome: 'missed' });

    await deliveriesSettled(sim);

    const order = receiver.received.map(
      (r) => (r.json.payload.object as { call_id: string }).call_id,
    );

    expect(order.indexOf(fast.callId)).toBeLessThan(order.lastIndexOf(slow.callId));
  });

  it('pauses eventGapMs between the events of one call', async () => {
    await start({ eventGapMs: 60 });
    await aCall(sim, { outcome: 'missed' });
    await deliveriesSettled(sim);

    const [ringing, missed] = receiver.received;

    expect(Number(missed?.receivedAt) - Number(ringing?.receivedAt)).toBeGreaterThanOrEqual(55);
  });

  it('records events as undeliverable while no webhook URL is configured', async () => {
    await start({ webhookUrl: undefined });
    await aCall(sim, { outcome: 'missed' });

    const { deliveries } = await deliveriesSettled(sim);

    expect(deliveries.map((d) => d.error)).toEqual(['no_webhook_url', 'no_webhook_url']);
    expect(receiver.received).toHaveLength(0);
  });

  it('sends to a webhook URL configured after start', async () => {
    await start({ webhookUrl: undefined });
    sim.configure({ webhookUrl: receiver.url });
    await aCall(sim, { outcome: 'missed' });

    expect(await receiver.waitForCount(2)).toHaveLength(2);
  });

  it('cancels pending retries on close and leaves nothing running', async () => {
    receiver.respondWith(() => ({ status: 500 }));
    await start({ webhookRetryDelaysMs: [60_000] });
    await aCall(sim, { outcome: 'missed' });
    await receiver.waitForCount(1);

    const startedAt = Date.now();

    await sim.close();

    expect(Date.now() - startedAt).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(1);
  });
});

describe('redelivery and endpoint validation', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let clock: ReturnType<typeof aClock>;

  beforeEach(async () => {
    clock = aClock();
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url, now: clock.now });
    await aUser(sim, { email: 'dana.reyes@example.com' });
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  it('resends one event of a call, freshly signed and not byte-identical', async () => {
    const { callId } = await aCall(sim, { outcome: 'missed' });
    const [original] = await receiver.waitForCount(2);

    clock.advance(5 * 60_000);

    const response = await sim.app.inject({
      method: 'POST',
      url: '/sim/webhooks/redeliver',
      payload: { callId, event: 'phone.callee_ringing' },
    });
    const again = (await receiver.waitForCount(3))[2];

    expect(response.statusCode).toBe(202);
    expect(again?.json.event).toBe('phone.callee_ringing');
    expect(again?.json.payload).toEqual(original?.json.payload);
    expect(again?.rawBody.equals(original?.rawBody as Buffer)).toBe(false);
    expect(again?.headers['x-zm-signature']).toBe(expectedSignature(again as Received));
    expect(again?.headers['x-zm-signature']).not.toBe(original?.headers['x-zm-signature']);
  });

  it('refuses to resend an event the call never had', async () => {
    const { callId } = await aCall(sim, { outcome: 'missed' });
    const unknownEvent = await sim.app.inject({
      method: 'POST',
      url: '/sim/webhooks/redeliver',
      payload: { callId, event: 'phone.callee_answered' },
    });
    const unknownCall = await sim.app.inject({
      method: 'POST',
      url: '/sim/webhooks/redeliver',
      payload: { callId: '1234567890123456789', event: 'phone.callee_ringing' },
    });

    expect(unknownEvent.statusCode).toBe(404);
    expect(unknownCall.statusCode).toBe(404);
  });

  it('passes endpoint validation when the receiver echoes the right HMAC', async () => {
    receiver.respondWith((request) => {
      const plainToken = (request.json.payload as { plainToken: string }).plainToken;
      const encryptedToken = createHmac('sha256', APP.webhookSecretToken)
        .update(plainToken)
        .digest('hex');

      return { body: JSON.stringify({ plainToken, encryptedToken }) };
    });

    const response = await sim.app.inject({ method: 'POST', url: '/sim/webhooks/validate' });
    const [request] = receiver.received;

    expect(response.json()).toMatchObject({ ok: true, status: 200 });
    expect(request?.json.event).toBe('endpoint.url_validation');
    expect((request?.json.payload as { plainToken: string }).plainToken).toMatch(/^[\w-]{22}$/);
    expect(request?.headers['x-zm-signature']).toBe(expectedSignature(request as Received));
  });

  it.each([
    [
      'a base64 digest',
      (token: string) =>
        createHmac('sha256', APP.webhookSecretToken).update(token).digest('base64'),
    ],
    [
      'an HMAC keyed with the token',
      (token: string) => createHmac('sha256', token).update(APP.webhookSecretToken).digest('hex'),
    ],
  ])('fails endpoint validation for %s', async (_case, encrypt) => {
    receiver.respondWith((request) => {
      const plainToken = (request.json.payload as { plainToken: string }).plainToken;

      return { body: JSON.stringify({ plainToken, encryptedToken: encrypt(plainToken) }) };
    });

    const response = await sim.app.inject({ method: 'POST', url: '/sim/webhooks/validate' });

    expect(response.json()).toMatchObject({ ok: false, status: 200 });
  });

  it('fails endpoint validation for an extra member in the answer', async () => {
    receiver.respondWith((request) => {
      const plainToken = (request.json.payload as { plainToken: string }).plainToken;
      const encryptedToken = createHmac('sha256', APP.webhookSecretToken)
        .update(plainToken)
        .digest('hex');

      return { body: JSON.stringify({ plainToken, encryptedToken, ok: true }) };
    });

    const response = await sim.app.inject({ method: 'POST', url: '/sim/webhooks/validate' });

    expect(response.json().ok).toBe(false);
  });
});
