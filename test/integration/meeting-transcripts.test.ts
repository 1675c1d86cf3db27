import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  aMeetingsAgent,
  aMovableClock,
  anActivity,
  meetingWhen,
  simJson,
  simRequests,
  type MeetingsAgent,
} from '../support/meetings-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { postWebhook } from '../support/webhook-sender.js';

const clock = aMovableClock();
let app: TestApp;
let host: MeetingsAgent;

beforeAll(async () => {
  app = await startTestApp({ clock });
  app.simulator.state.now = clock.now;
  host = await aMeetingsAgent(app);
});
afterAll(async () => app.close());
afterEach(() => clock.reset());

const sixHoursAndAMinute = 6 * 60 * 60_000 + 60_000;

async function aMeeting() {
  const activity = await anActivity(host.client);
  const created = await host.client.post(`/api/activities/${activity.id}/zoom-meeting`);

  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${created.text}`);

  return { activityId: activity.id, zoomMeetingId: created.json.meeting.zoomMeetingId as string };
}

async function endMeeting(zoomMeetingId: string, options: Record<string, unknown> = {}) {
  const ended = await simJson(app, 'POST', `/sim/meetings/${zoomMeetingId}/end`, options);

  if (ended.status !== 202) throw new Error(`end: ${ended.status} ${JSON.stringify(ended.json)}`);

  return ended.json as { uuid: string; files: { id: string; fileType: string }[] };
}

/** Waits until every webhook the simulator sent is delivered and processed by the app. */
async function settled() {
  await simJson(app, 'GET', '/sim/deliveries/idle');
  await waitFor(async () => {
    const pending = await app.database.db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    const running = await app.started.context.jobs.list({
      name: 'zoom.transcript.fetch',
      states: ['queued', 'running'],
    });

    return pending.length === 0 && running.length === 0;
  });
}

const transcriptState = (activityId: string, state: string) =>
  meetingWhen(host.client, activityId, (meeting) => meeting.transcript.state === state);

const requestCounts = async () => {
  const all = await simRequests(app);

  return {
    downloads: all.filter((r) => r.path.startsWith('/rec/download/')).length,
    meetingLookups: all.filter((r) => /^\/v2\/meetings\/[^/]+\/recordings$/.test(r.path)).length,
    listings: all.filter((r) => r.path === '/v2/users/me/recordings').length,
  };
};

const clearRequests = () => simJson(app, 'DELETE', '/sim/requests');

const fileRows = (zoomUuid: string) =>
  app.database.db
    .selectFrom('meeting_recording_files')
    .select(['file_id', 'file_type'])
    .where('zoom_uuid', '=', zoomUuid)
    .orderBy('file_id')
    .execute();

const transcriptRows = (activityId: string) =>
  app.database.db
    .selectFrom('meeting_transcripts')
    .selectAll()
    .where('activity_id', '=', activityId)
    .execute();

describe('the transcript coming back to the activity', () => {
  it('arrives as speaker turns once the meeting ends, downloaded once with the event’s token', async () => {
    const meeting = await aMeeting();

    await clearRequests();
    await endMeeting(meeting.zoomMeetingId);

    const shown = await transcriptState(meeting.activityId, 'ready');
    const { transcript } = (
      await host.client.get(`/api/activities/${meeting.activityId}/transcript`)
    ).json;
    const logs = app.logs.join('');

    expect(shown.recording).toBe('recorded');
    expect(transcript.status).toBe('ready');
    expect(transcript.text.split('\n')[1]).toBe(
      'Jordan Sample: Happy to be here. Is the basement finished?',
    );
    expect(transcript.text).not.toMatch(/-->|WEBVTT|^\d+$/m);
    expect(transcript.turns[0].text).toBe('Thanks for joining the virtual showing of 12 Elm St.');
    expect(transcript.turns).toHaveLength(5);
    expect(await requestCounts()).toEqual({ downloads: 1, meetingLookups: 0, listings: 0 });
    expect(logs).toMatch(/"via":"download_token"/);
    expect(logs).not.toContain('egress window');
    expect(logs).not.toMatch(/sim\.[A-Za-z0-9_-]{32}/);
  });

  it('field report 9: marks it pending with no lookup at all, fetches it once when its event comes', async () => {
    const meeting = await aMeeting();

    await clearRequests();
    await endMeeting(meeting.zoomMeetingId, { transcript: 'later' });

    const pending = await transcriptState(meeting.activityId, 'pending');

    await settled();
    expect(pending.recording).toBe('recorded');
    expect(await requestCounts()).toEqual({ downloads: 0, meetingLookups: 0, listings: 0 });

    await simJson(app, 'POST', `/sim/meetings/${meeting.zoomMeetingId}/transcript`);
    await transcriptState(meeting.activityId, 'ready');

    for (const event of ['recording.completed', 'recording.transcript_completed']) {
      await simJson(app, 'POST', `/sim/meetings/${meeting.zoomMeetingId}/redeliver`, { event });
    }

    await settled();
    expect(await requestCounts()).toEqual({ downloads: 1, meetingLookups: 0, listings: 0 });
    expect(await transcriptRows(meeting.activityId)).toHaveLength(1);
  });

  it('field report 9: if the transcript never comes, one fallback poll, then "no transcript"', async () => {
    const meeting = await aMeeting();

    await endMeeting(meeting.zoomMeetingId, { transcript: 'none' });
    await transcriptState(meeting.activityId, 'pending');
    await clearRequests();

    clock.advance(sixHoursAndAMinute);

    const none = await transcriptState(meeting.activityId, 'none');

    expect(none.transcript.reason).toBe('no_transcript');

    clock.advance(sixHoursAndAMinute);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await requestCounts()).toEqual({ downloads: 0, meetingLookups: 0, listings: 1 });
  });

  it('field report 10: a transcript only the poll finds is fetched alone, with the user’s token', async () => {
    const meeting = await aMeeting();
    const ended = await endMeeting(meeting.zoomMeetingId, { transcript: 'later' });

    await transcriptState(meeting.activityId, 'pending');
    await settled();

    // Its event is lost (Zoom gave up delivering it); only the listing shows the file.
    app.simulator.configure({ webhookUrl: undefined });
    await simJson(app, 'POST', `/sim/meetings/${meeting.zoomMeetingId}/transcript`);
    app.simulator.configure({ webhookUrl: `${app.baseUrl}/webhooks/zoom` });
    await clearRequests();

    clock.advance(sixHoursAndAMinute);
    await transcriptState(meeting.activityId, 'ready');

    expect(await requestCounts()).toEqual({ downloads: 1, meetingLookups: 0, listings: 1 });
    expect((await fileRows(ended.uuid)).map((row) => row.file_type).sort()).toEqual([
      'M4A',
      'MP4',
      'TRANSCRIPT',
    ]);
    expect(app.logs.join('')).toMatch(/"via":"user_token"/);
  });

  it('field report 5: duplicate recording.completed deliveries give one row per file, concurrently too', async () => {
    const body = (zoomMeetingId: string, uuid: string, downloadToken: string) =>
      JSON.stringify({
        event: 'recording.completed',
        payload: {
          account_id: host.accountId,
          object: {
            uuid,
            id: Number(zoomMeetingId),
            host_id: host.zoomUserId,
            recording_files: [
              { id: 'rf_01', file_type: 'M4A', status: 'completed' },
              { id: 'rf_02', file_type: 'MP4', status: 'completed' },
            ],
          },
        },
        download_token: downloadToken,
      });
    const first = await aMeeting();
    const at = Math.floor(clock.now() / 1000);
    const one = await postWebhook(
      app.baseUrl,
      body(first.zoomMeetingId, 'tKbFEWg9SAaVamwu6V0+kw==', 'tok-A'),
      {
        timestamp: String(at),
      },
    );

    clock.advance(5 * 60_000);

    const two = await postWebhook(
      app.baseUrl,
      body(first.zoomMeetingId, 'tKbFEWg9SAaVamwu6V0+kw==', 'tok-B'),
      {
        timestamp: String(at + 300),
      },
    );

    expect([one.status, two.status]).toEqual([200, 200]);
    expect(two.json.duplicate).toBe(true);
    await transcriptState(first.activityId, 'pending');
    expect(await fileRows('tKbFEWg9SAaVamwu6V0+kw==')).toEqual([
      { file_id: 'rf_01', file_type: 'M4A' },
      { file_id: 'rf_02', file_type: 'MP4' },
    ]);

    const second = await aMeeting();
    const both = await Promise.all(
      ['tok-C', 'tok-D'].map((token) =>
        postWebhook(app.baseUrl, body(second.zoomMeetingId, 'dupe+Concurrent==', token), {
          timestamp: String(Math.floor(clock.now() / 1000)),
        }),
      ),
    );

    expect(both.map((answer) => answer.status)).toEqual([200, 200]);
    await transcriptState(second.activityId, 'pending');
    expect(await fileRows('dupe+Concurrent==')).toHaveLength(2);
  });

  it.each([
    [
      '/aB3xYz9QmUs6ZOwFD4kw==',
      '%252FaB3xYz9QmUs6ZOwFD4kw%253D%253D',
      '%2FaB3xYz9QmUs6ZOwFD4kw%3D%3D',
    ],
    [
      'Qm7//tR2sLw0pXyZ1aB9cQ==',
      'Qm7%252F%252FtR2sLw0pXyZ1aB9cQ%253D%253D',
      'Qm7%2F%2FtR2sLw0pXyZ1aB9cQ%3D%3D',
    ],
    ['tKbFEWg9SAaVamwu6V0+kw==', 'tKbFEWg9SAaVamwu6V0%2Bkw%3D%3D', 'tKbFEWg9SAaVamwu6V0+kw%3D%3D'],
  ])(
    'field report 7: an expired download token gets a fresh one for %s through the right path',
    async (uuid, rightSegment, wrongSegment) => {
      const meeting = await aMeeting();

      await app.database.db
        .deleteFrom('meeting_recording_files')
        .where('zoom_uuid', '=', uuid)
        .execute();
      await clearRequests();
      await endMeeting(meeting.zoomMeetingId, { uuid, expiredDownloadToken: true });
      await transcriptState(meeting.activityId, 'ready');

      const paths = (await simRequests(app)).map((request) => request.path);
      const row = await app.database.db
        .selectFrom('zoom_meetings')
        .select('zoom_uuid')
        .where('activity_id', '=', meeting.activityId)
        .executeTakeFirstOrThrow();

      expect(paths).toContain(`/v2/meetings/${rightSegment}/recordings`);
      expect(paths).not.toContain(`/v2/meetings/${wrongSegment}/recordings`);
      expect(await requestCounts()).toEqual({ downloads: 2, meetingLookups: 1, listings: 0 });
      expect(row.zoom_uuid).toBe(uuid);
      expect(app.logs.join('')).toMatch(/"via":"download_access_token"/);
    },
  );

  it('field report 8: an HTML sign-in page is never taken for the file; one retry, then download_failed_auth', async () => {
    const meeting = await aMeeting();

    await clearRequests();
    await endMeeting(meeting.zoomMeetingId, { signInPage: true });

    const failed = await transcriptState(meeting.activityId, 'failed');

    expect(failed.transcript.reason).toBe('download_failed_auth');
    expect(await requestCounts()).toEqual({ downloads: 2, meetingLookups: 1, listings: 0 });
    expect(await transcriptRows(meeting.activityId)).toEqual([]);
    expect((await host.client.get(`/api/activities/${meeting.activityId}`)).status).toBe(200);
  });

  it('gives an empty, a non-VTT and a cut-off file each its own state', async () => {
    const cut =
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nDana Reyes: Welcome to 12 Elm St.\n\n2\n00:00:0';
    const cases: [Record<string, unknown>, string, string | null][] = [
      [{ vtt: '' }, 'failed', 'empty'],
      [{ vtt: 'Meeting notes: none taken.' }, 'failed', 'not_vtt'],
      [{ vtt: cut, vttFileSize: 4096 }, 'partial', 'truncated'],
    ];

    let lastActivity = '';

    for (const [options, state, reason] of cases) {
      const meeting = await aMeeting();

      await endMeeting(meeting.zoomMeetingId, options);

      const shown = await transcriptState(meeting.activityId, state);

      expect(shown.transcript.reason).toBe(reason);
      lastActivity = meeting.activityId;
    }

    const [partial] = await transcriptRows(lastActivity);

    expect(partial?.text).toBe('Dana Reyes: Welcome to 12 Elm St.');
    expect(partial?.status).toBe('partial');
  });

  it('field report 22: a meeting with nothing recorded is "no recording", and Zoom gets its 200 at once', async () => {
    const empty = await aMeeting();

    await endMeeting(empty.zoomMeetingId, { recording: 'none' });

    const none = await meetingWhen(
      host.client,
      empty.activityId,
      (meeting) => meeting.recording === 'no_recording',
    );

    expect(none.transcript).toEqual({ state: 'none', reason: 'no_recording' });

    const timelineOnly = await aMeeting();
    const started = Date.now();
    const answer = await postWebhook(
      app.baseUrl,
      JSON.stringify({
        event: 'recording.completed',
        payload: {
          account_id: host.accountId,
          object: {
            uuid: 'tImElInE0nLy00000000A==',
            id: Number(timelineOnly.zoomMeetingId),
            host_id: host.zoomUserId,
            recording_files: [{ id: 'rf_09', file_type: 'TIMELINE', status: 'completed' }],
          },
        },
      }),
    );

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await meetingWhen(
      host.client,
      timelineOnly.activityId,
      (meeting) => meeting.recording === 'no_recording',
    );

    const poll = await app.started.context.jobs.findByKey(
      'transcript-poll:tImElInE0nLy00000000A==',
    );

    expect(poll).toBeUndefined();
  });

  it('acknowledges events about meetings not made in 1Thing, and keeps nothing of them', async () => {
    const answer = await postWebhook(
      app.baseUrl,
      JSON.stringify({
        event: 'recording.completed',
        payload: {
          account_id: host.accountId,
          object: {
            uuid: 'nOtOuRs0000000000000AA==',
            id: 81234567890,
            host_id: host.zoomUserId,
            recording_files: [{ id: 'rf_x1', file_type: 'M4A', status: 'completed' }],
          },
        },
        download_token: 'not-ours',
      }),
    );

    expect(answer.status).toBe(200);

    const entry = await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('dedupe_key', 'like', '%nOtOuRs0000000000000AA==%')
        .executeTakeFirst();

      return row?.status === 'pending' ? undefined : row;
    });

    expect(entry).toEqual({ status: 'processed', outcome: 'meeting_not_from_1thing' });
    expect(await fileRows('nOtOuRs0000000000000AA==')).toEqual([]);
  });

  it('goes with its activity when the activity is deleted', async () => {
    const meeting = await aMeeting();

    await endMeeting(meeting.zoomMeetingId);
    await transcriptState(meeting.activityId, 'ready');
    expect(await transcriptRows(meeting.activityId)).toHaveLength(1);
    expect((await host.client.delete(`/api/activities/${meeting.activityId}`)).status).toBe(204);
    expect(await transcriptRows(meeting.activityId)).toEqual([]);
    expect((await host.client.get(`/api/activities/${meeting.activityId}/transcript`)).status).toBe(
      404,
    );
  });
});
