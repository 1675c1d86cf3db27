// The simulator's meeting and recording bodies, and the app's own create request, checked
// against Zoom's published schemas (shared/zoom/openapi/meeting-*.json), closed to members
// those schemas do not name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import type { ActivityRow } from '../../src/crm/activities.repo.js';
import { meetingRequestFor } from '../../src/integrations/zoom/meetings/meeting-request.js';
import { aHost, aMeeting, endMeeting } from './support/meeting.fixture.js';
import {
  meetingApiRequest,
  meetingApiResponse,
  meetingWebhook,
} from './support/meeting-schemas.js';
import { apiGet, startSimulator } from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { contract, ZOOM_ERROR_SCHEMA } from './support/zoom-schemas.js';

let sim: Simulator;
let receiver: WebhookReceiver;
let token: string;
let meetingId: number;
let created: unknown;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startSimulator({ webhookUrl: receiver.url, publicUrl: 'http://127.0.0.1:3001' });
  token = (await aHost(sim)).token;

  const meeting = await aMeeting(sim, token);

  created = meeting;
  meetingId = meeting.id;
  await endMeeting(sim, meetingId);
  await receiver.waitForCount(2);
});

afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('meeting contract with Zoom’s published schemas', () => {
  it('rejects a recording event with a required member removed, so a pass means something', () => {
    const body = structuredClone(receiver.received[0]?.json) as unknown as {
      payload: { object: { uuid?: string } };
    };

    contract(meetingWebhook('recording.completed')).assert(body);
    delete body.payload.object.uuid;
    expect(() => contract(meetingWebhook('recording.completed')).assert(body)).toThrow(/uuid/);
  });

  it('answers POST /users/me/meetings and GET /meetings/{id} in the published shape', async () => {
    const read = await apiGet(sim, `/v2/meetings/${meetingId}`, token);

    contract(meetingApiResponse('/users/{userId}/meetings', 'post', '201')).assert(
      created,
      'create',
    );
    contract(meetingApiResponse('/meetings/{meetingId}', 'get', '200')).assert(read.json(), 'get');
  });

  it('sends recording.completed and recording.transcript_completed in their published shape', () => {
    const events = receiver.received.map((request) => request.json.event);

    expect(events).toEqual(['recording.completed', 'recording.transcript_completed']);

    for (const [index, request] of receiver.received.entries()) {
      contract(meetingWebhook(request.json.event)).assert(request.json, `webhook #${index}`);
    }
  });

  it('lists recordings (one meeting, and the user’s) in the published shape', async () => {
    const one = await apiGet(
      sim,
      `/v2/meetings/${meetingId}/recordings?include_fields=download_access_token&ttl=600`,
      token,
    );
    const today = new Date().toISOString().slice(0, 10);
    const all = await apiGet(sim, `/v2/users/me/recordings?from=${today}&to=${today}`, token);

    expect(one.json().recording_files).toHaveLength(3);
    contract(meetingApiResponse('/meetings/{meetingId}/recordings', 'get', '200')).assert(
      one.json(),
    );
    contract(meetingApiResponse('/users/{userId}/recordings', 'get', '200')).assert(all.json());
  });

  it('answers meeting and recording failures in Zoom’s error shape', async () => {
    const failures = [
      await apiGet(sim, '/v2/meetings/12345678901', token),
      await apiGet(sim, '/v2/meetings/%2FaB3xYz9QmUs6ZOwFD4kw%3D%3D/recordings', token),
      await sim.app.inject({
        method: 'POST',
        url: '/v2/users/me/meetings',
        headers: { authorization: `Bearer ${token}` },
        payload: { type: 2, topic: 'x'.repeat(300) },
      }),
    ];

    expect(failures.map((response) => response.statusCode)).toEqual([404, 404, 400]);

    for (const response of failures) contract(ZOOM_ERROR_SCHEMA).assert(response.json());
  });

  it('sends Zoom a create body its schema accepts, from the app’s own builder', () => {
    const activity: ActivityRow = {
      id: 'a',
      owner_id: 'u',
      contact_id: null,
      kind: 'showing',
      title: 'Virtual showing: 12 Elm St',
      notes: 'Walk-through with the buyer',
      starts_at: Date.parse('2026-07-14T15:00:00Z'),
      time_zone: 'Europe/Berlin',
      duration_minutes: 30,
      created_at: 0,
      updated_at: 0,
    };

    // The schema types start_time as date-time, which needs an offset; Zoom's own docs define
    // the local form (no offset, with `timezone`) beside the UTC one (API.md §3). So the format
    // is checked here by Zoom's documented patterns, and everything else by the schema.
    const schema = meetingApiRequest('/users/{userId}/meetings', 'post');
    const properties = schema.properties as Record<string, Record<string, unknown>>;

    properties.start_time = { type: 'string' };

    const local = meetingRequestFor(activity, 'Jordan Sample');
    const utc = meetingRequestFor({ ...activity, time_zone: null }, null);

    contract(schema).assert(local);
    contract(schema).assert(utc);
    expect(local).toMatchObject({ start_time: '2026-07-14T17:00:00', timezone: 'Europe/Berlin' });
    expect(utc?.start_time).toBe('2026-07-14T15:00:00Z');
    expect(utc).not.toHaveProperty('timezone');
  });
});
