// Zoom deleting a phone recording, in the simulator: the file is gone (downloads answer 404)
// and phone.recording_deleted / phone.recording_permanently_deleted go out in the shape
// shared/zoom/openapi/phone-webhooks.json publishes, closed to members it does not name.
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
import { contract, phoneWebhook } from './support/zoom-schemas.js';

const email = 'robin.placeholder@example.com';

describe('deleting a phone recording in the simulator', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let token: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = await startSimulator({ webhookUrl: receiver.url });
    await aUser(sim, { email });
    token = (await connect(sim, email)).access_token;
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  async function aRecording() {
    const made = await sim.app.inject({
      method: 'POST',
      url: '/sim/recordings',
      payload: { userEmail: email, externalNumber: '+12065550188', callId: '7290111222333' },
    });

    expect(made.statusCode).toBe(202);

    return made.json() as { recordingId: string; fileId: string };
  }

  const remove = (id: string, payload: Record<string, unknown>) =>
    sim.app.inject({ method: 'POST', url: `/sim/recordings/${id}/delete`, payload });

  it('sends both deletion events in their published shape and stops serving the file', async () => {
    const trashed = await aRecording();
    const purged = await aRecording();

    expect((await remove(trashed.recordingId, {})).statusCode).toBe(202);
    expect((await remove(purged.recordingId, { permanently: true })).statusCode).toBe(202);
    await deliveriesSettled(sim);

    const events = receiver.received.filter((request) =>
      String(request.json.event).includes('deleted'),
    );

    expect(events.map((request) => request.json.event).sort()).toEqual([
      'phone.recording_deleted',
      'phone.recording_permanently_deleted',
    ]);

    for (const [index, request] of events.entries()) {
      contract(phoneWebhook(request.json.event)).assert(request.json, `webhook #${index}`);
    }

    const download = await apiGet(sim, `/v2/phone/recording/download/${trashed.fileId}`, token);

    expect(download.statusCode).toBe(404);
  });

  it('with notify false deletes silently, and an unknown recording is a 404', async () => {
    const silent = await aRecording();

    await deliveriesSettled(sim);

    const before = receiver.received.length;

    expect((await remove(silent.recordingId, { notify: false })).statusCode).toBe(202);
    await deliveriesSettled(sim);
    expect(receiver.received.length).toBe(before);
    expect((await remove(silent.recordingId, {})).statusCode).toBe(404);
  });
});
