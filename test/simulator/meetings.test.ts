import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DAILY_LIMIT_MESSAGE } from '../../simulator/api/meetings.routes.js';
import type { Simulator } from '../../simulator/simulator.js';
import { aHost, aMeeting, aMeetingBody, endMeeting } from './support/meeting.fixture.js';
import { aClock, apiGet, startSimulator } from './support/simulator.fixture.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

let sim: Simulator;
let receiver: WebhookReceiver;
let clock: ReturnType<typeof aClock>;

beforeEach(async () => {
  clock = aClock(Date.parse('2026-07-01T09:00:00Z'));
  receiver = await startReceiver();
  sim = await startSimulator({
    webhookUrl: receiver.url,
    now: clock.now,
    publicUrl: 'http://127.0.0.1:3001',
  });
});

afterEach(async () => {
  await sim.close();
  await receiver.close();
});

const inject = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  payload?: unknown,
) =>
  sim.app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload !== undefined && { payload: payload as object }),
  });

const pathOf = (url: string) => {
  const parsed = new URL(url);

  return parsed.pathname + parsed.search;
};

describe('simulated Zoom meetings', () => {
  it('reads start_time as Zoom does: wall-clock time in `timezone`, or UTC with Z', async () => {
    const { token } = await aHost(sim);
    const local = await aMeeting(sim, token);
    const utc = await aMeeting(sim, token, {
      start_time: '2026-07-14T15:00:00Z',
      timezone: undefined,
    });
    const mixed = await aMeeting(sim, token, { start_time: '2026-07-14T15:00:00' });

    expect(local).toMatchObject({ start_time: '2026-07-14T15:00:00Z', timezone: 'Europe/Berlin' });
    expect(utc).toMatchObject({ start_time: '2026-07-14T15:00:00Z', timezone: 'America/Chicago' });
    // Field report 6's mistake: UTC digits without Z next to the zone land two hours early.
    expect(mixed).toMatchObject({ start_time: '2026-07-14T13:00:00Z' });
  });

  it('hands out a new start_url on every read, and links that lead back to the simulator', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);
    const first = (await inject('GET', `/v2/meetings/${meeting.id}`, token)).json();
    const second = (await inject('GET', `/v2/meetings/${meeting.id}`, token)).json();

    expect(first.start_url).not.toBe(second.start_url);
    expect(first.start_url).toMatch(/^http:\/\/127\.0\.0\.1:3001\/s\/\d+\?zak=/);
    expect(meeting.join_url).toMatch(/^http:\/\/127\.0\.0\.1:3001\/j\/\d+\?pwd=/);
    expect((await inject('GET', pathOf(first.start_url))).statusCode).toBe(200);

    clock.advance(2 * 60 * 60_000 + 1);
    expect((await inject('GET', pathOf(first.start_url))).statusCode).toBe(401);
  });

  it('updates and deletes a meeting, then answers 404 / 3001 for it', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);
    const patched = await inject('PATCH', `/v2/meetings/${meeting.id}`, token, {
      start_time: '2026-07-15T09:30:00',
      timezone: 'Europe/Berlin',
      topic: 'Moved showing',
    });
    const read = (await inject('GET', `/v2/meetings/${meeting.id}`, token)).json();

    expect(patched.statusCode).toBe(204);
    expect(read).toMatchObject({ topic: 'Moved showing', start_time: '2026-07-15T07:30:00Z' });
    expect((await inject('DELETE', `/v2/meetings/${meeting.id}`, token)).statusCode).toBe(204);

    const gone = await inject('DELETE', `/v2/meetings/${meeting.id}`, token);

    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ code: 3001, message: `Meeting does not exist: ${meeting.id}.` });
  });

  it('refuses bad bodies with code 300 and the fields at fault', async () => {
    const { token } = await aHost(sim);
    const response = await inject(
      'POST',
      '/v2/users/me/meetings',
      token,
      aMeetingBody({
        topic: 'x'.repeat(201),
        timezone: 'Mars/Olympus',
      }),
    );

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 300, message: 'Validation Failed.' });
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['timezone', 'topic']);
  });

  it('field report 17 b: the 101st create or update of the day gets 429 without Retry-After', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);

    for (let index = 1; index < 100; index += 1) {
      await inject('PATCH', `/v2/meetings/${meeting.id}`, token, { duration: 30 + index });
    }

    const refused = await inject('POST', '/v2/users/me/meetings', token, aMeetingBody());

    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeUndefined();
    expect(refused.json()).toEqual({ code: 429, message: DAILY_LIMIT_MESSAGE });

    clock.advance(24 * 60 * 60_000);

    const nextDay = await aHost(sim);

    expect(
      (await inject('POST', '/v2/users/me/meetings', nextDay.token, aMeetingBody())).statusCode,
    ).toBe(201);
  });

  it('sends recording.completed, then the transcript in its own event, each signed', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);
    const ended = await endMeeting(sim, meeting.id);
    const [completed, transcript] = await receiver.waitForCount(2);

    expect(ended.events).toEqual(['recording.completed', 'recording.transcript_completed']);
    expect(completed?.json.event).toBe('recording.completed');
    expect(completed?.headers['x-zm-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(JSON.stringify(completed?.json)).not.toContain('TRANSCRIPT');
    expect(transcript?.json.event).toBe('recording.transcript_completed');
    expect((transcript?.json.payload.object as { uuid: string }).uuid).toBe(ended.uuid);
  });

  it('with `later`, sends the transcript only when asked, and lists it only then', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);
    const ended = await endMeeting(sim, meeting.id, { transcript: 'later' });

    await receiver.waitForCount(1);

    const before = (await inject('GET', `/v2/meetings/${meeting.id}/recordings`, token)).json();

    expect(
      before.recording_files.map((file: { file_type: string }) => file.file_type).sort(),
    ).toEqual(['M4A', 'MP4']);
    expect((await inject('POST', `/sim/meetings/${meeting.id}/transcript`)).statusCode).toBe(202);
    await receiver.waitForCount(2);

    const after = (await inject('GET', `/v2/meetings/${meeting.id}/recordings`, token)).json();

    expect(after.recording_files.map((file: { file_type: string }) => file.file_type)).toContain(
      'TRANSCRIPT',
    );
    expect(ended.transcriptFileId).toBeTruthy();
    expect((await inject('POST', `/sim/meetings/${meeting.id}/transcript`)).statusCode).toBe(409);
  });

  it('field report 7: finds an instance only by a correctly encoded UUID', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);

    await endMeeting(sim, meeting.id, { uuid: '/aB3xYz9QmUs6ZOwFD4kw==' });

    const twice = await apiGet(
      sim,
      '/v2/meetings/%252FaB3xYz9QmUs6ZOwFD4kw%253D%253D/recordings',
      token,
    );
    const once = await apiGet(sim, '/v2/meetings/%2FaB3xYz9QmUs6ZOwFD4kw%3D%3D/recordings', token);

    expect(twice.statusCode).toBe(200);
    expect(twice.json().uuid).toBe('/aB3xYz9QmUs6ZOwFD4kw==');
    expect(once.statusCode).toBe(404);
    expect(once.json()).toEqual({
      code: 3001,
      message: 'Meeting does not exist: aB3xYz9QmUs6ZOwFD4kw==.',
    });

    const plus = await aMeeting(sim, token);

    await endMeeting(sim, plus.id, { uuid: 'tKbFEWg9SAaVamwu6V0+kw==' });
    expect(
      (await apiGet(sim, '/v2/meetings/tKbFEWg9SAaVamwu6V0%2Bkw%3D%3D/recordings', token))
        .statusCode,
    ).toBe(200);
    expect(
      (await apiGet(sim, '/v2/meetings/tKbFEWg9SAaVamwu6V0+kw%3D%3D/recordings', token)).statusCode,
    ).toBe(404);
  });

  it('lets the download token, a download_access_token or the host’s token fetch the file', async () => {
    const host = await aHost(sim);
    const other = await aHost(sim, 'sam.ortiz@example.com');
    const meeting = await aMeeting(sim, host.token);

    await endMeeting(sim, meeting.id, {
      vtt: 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nDana: Hi.\n',
    });

    const [, event] = await receiver.waitForCount(2);
    const body = event?.json as unknown as {
      download_token: string;
      payload: { object: { recording_files: { download_url: string }[] } };
    };
    const url = pathOf(body.payload.object.recording_files[0]?.download_url ?? '');
    const listing = (
      await inject(
        'GET',
        `/v2/meetings/${meeting.id}/recordings?include_fields=download_access_token&ttl=60`,
        host.token,
      )
    ).json();
    const download = (bearer: string) =>
      sim.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });

    for (const bearer of [body.download_token, listing.download_access_token, host.token]) {
      const file = await download(bearer);

      expect(file.headers['content-type']).toMatch(/^text\/vtt/);
      expect(file.body).toBe('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nDana: Hi.\n');
    }

    // Field report 8: refused credentials get a 200 HTML sign-in page, not an error status.
    for (const bearer of [other.token, 'made-up']) {
      const refused = await download(bearer);

      expect(refused.statusCode).toBe(200);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
      expect(refused.body).toMatch(/sign in/i);
    }

    clock.advance(61_000);
    expect((await download(listing.download_access_token)).headers['content-type']).toMatch(
      /^text\/html/,
    );
  });

  it('sends an expired download token when asked, and answers 3301 when nothing was recorded', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);

    await endMeeting(sim, meeting.id, { expiredDownloadToken: true });

    const [, event] = await receiver.waitForCount(2);
    const body = event?.json as unknown as {
      download_token: string;
      payload: { object: { recording_files: { download_url: string }[] } };
    };
    const file = await sim.app.inject({
      method: 'GET',
      url: pathOf(body.payload.object.recording_files[0]?.download_url ?? ''),
      headers: { authorization: `Bearer ${body.download_token}` },
    });

    expect(file.headers['content-type']).toMatch(/^text\/html/);

    const empty = await aMeeting(sim, token);

    await endMeeting(sim, empty.id, { recording: 'none' });

    const none = await inject('GET', `/v2/meetings/${empty.id}/recordings`, token);

    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ code: 3301, message: 'There is no recording for this meeting.' });
  });

  it('lists the user’s recordings by meeting and dates, at most a month at a time', async () => {
    const { token } = await aHost(sim);
    const meeting = await aMeeting(sim, token);
    const other = await aMeeting(sim, token);

    await endMeeting(sim, meeting.id);
    await endMeeting(sim, other.id);

    const listing = await apiGet(
      sim,
      `/v2/users/me/recordings?from=2026-06-20&to=2026-07-01&meeting_id=${meeting.id}`,
      token,
    );
    const tooLong = await apiGet(
      sim,
      '/v2/users/me/recordings?from=2026-01-01&to=2026-07-01',
      token,
    );

    expect(listing.statusCode).toBe(200);
    expect(listing.json().meetings.map((item: { id: number }) => item.id)).toEqual([meeting.id]);
    expect(tooLong.statusCode).toBe(400);
  });
});
