// Voicemail and recording events and REST bodies of the simulator, checked against Zoom's
// published schemas (shared/zoom/openapi/phone-webhooks.json and phone-api.json), closed to
// members they do not name, like contract.test.ts does for call events.
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

const email = 'casey.placeholder@example.com';

describe('voicemails and recordings keep to Zoom’s published schemas', () => {
  let sim: Simulator;
  let receiver: WebhookReceiver;
  let token: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    // ajv's `url` format refuses loopback hosts, so the links name a public-looking host.
    sim = await startSimulator({
      webhookUrl: receiver.url,
      publicUrl: 'https://zoom-sim.example.com',
    });
    await aUser(sim, { email });
    token = (await connect(sim, email)).access_token;

    for (const body of [
      { direction: 'inbound', externalNumber: '+12065550188', outcome: 'voicemail' },
      { direction: 'inbound', externalNumber: '+12065550188', outcome: 'answered', record: true },
      { direction: 'outbound', externalNumber: '+12065550188', outcome: 'answered', record: true },
    ]) {
      const placed = await sim.app.inject({
        method: 'POST',
        url: '/sim/calls',
        payload: { userEmail: email, ...body },
      });

      expect(placed.statusCode).toBe(202);
    }

    await deliveriesSettled(sim);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it('sends phone.voicemail_received and phone.recording_completed in their published shape', () => {
    const media = receiver.received.filter((request) =>
      ['phone.voicemail_received', 'phone.recording_completed'].includes(request.json.event),
    );

    expect(media.map((request) => request.json.event).sort()).toEqual([
      'phone.recording_completed',
      'phone.recording_completed',
      'phone.voicemail_received',
    ]);

    for (const [index, request] of media.entries()) {
      contract(phoneWebhook(request.json.event)).assert(request.json, `webhook #${index}`);
    }
  });

  it('lists voicemails, details one and serves its audio, in the published shape', async () => {
    const list = await apiGet(sim, '/v2/phone/users/me/voice_mails', token);

    expect(list.statusCode).toBe(200);
    contract(phoneApiResponse('/phone/users/{userId}/voice_mails')).assert(list.json());

    const [first] = list.json().voice_mails;
    const detail = await apiGet(sim, `/v2/phone/voice_mails/${first.id}`, token);

    contract(phoneApiResponse('/phone/voice_mails/{voicemailId}')).assert(detail.json());

    const download = await apiGet(sim, new URL(first.download_url).pathname, token);

    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('audio/wav');
    expect(download.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
  });

  it('lists recordings in the published shape and serves ranges of their audio', async () => {
    const list = await apiGet(sim, '/v2/phone/users/me/recordings', token);

    expect(list.statusCode).toBe(200);
    contract(phoneApiResponse('/phone/users/{userId}/recordings')).assert(list.json());

    const [first] = list.json().recordings;
    const path = new URL(first.download_url).pathname;
    const part = await sim.app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${token}`, range: 'bytes=0-1' },
    });

    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toMatch(/^bytes 0-1\/\d+$/);
    expect(part.rawPayload.length).toBe(2);

    const other = await apiGet(sim, path);

    expect(other.statusCode).toBe(401);
  });

  it('pages the voicemail list by token over a month at most, and filters by status', async () => {
    const day = 86_400_000;

    for (const daysAgo of [1, 2, 3, 50]) {
      const left = await sim.app.inject({
        method: 'POST',
        url: '/sim/voicemails',
        payload: { userEmail: email, callerNumber: '12065550199', daysAgo, webhook: false },
      });

      expect(left.statusCode).toBe(202);
    }

    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const month = `from=${iso(Date.now() - 29 * day)}&to=${iso(Date.now())}`;
    const first = await apiGet(sim, `/v2/phone/users/me/voice_mails?page_size=2&${month}`, token);
    const body = first.json();

    contract(phoneApiResponse('/phone/users/{userId}/voice_mails')).assert(body);
    // The call's own voicemail (today) and the three left 1, 2 and 3 days ago; not the 50th day.
    expect(body).toMatchObject({ page_size: 2, total_records: 4, page_count: 2 });
    expect(body.next_page_token).not.toBe('');

    const second = await apiGet(
      sim,
      `/v2/phone/users/me/voice_mails?page_size=2&next_page_token=${body.next_page_token}`,
      token,
    );
    const ids = [...body.voice_mails, ...second.json().voice_mails].map(
      (v: { id: string }) => v.id,
    );
    const times = [...body.voice_mails, ...second.json().voice_mails].map(
      (v: { date_time: string }) => Date.parse(v.date_time),
    );

    expect(second.json().next_page_token).toBe('');
    expect(new Set(ids).size).toBe(4);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const tooLong = await apiGet(
      sim,
      `/v2/phone/users/me/voice_mails?from=${iso(Date.now() - 60 * day)}&to=${iso(Date.now())}`,
      token,
    );

    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().code).toBe(301);

    const read = await apiGet(sim, `/v2/phone/users/me/voice_mails?status=read&${month}`, token);

    expect(read.json()).toMatchObject({ total_records: 0, voice_mails: [] });

    const badToken = await apiGet(
      sim,
      '/v2/phone/users/me/voice_mails?next_page_token=not-a-token',
      token,
    );

    expect(badToken.statusCode).toBe(400);
  });
});
