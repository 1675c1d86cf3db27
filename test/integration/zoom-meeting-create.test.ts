import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, addContact } from '../support/connected-agent.js';
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

const clock = aMovableClock();
let app: TestApp;
// Sign-in is rate limited (10 a minute), so agents are made once. Each daily-cap test has its
// own agent, because the cap it records holds for that agent until Zoom's reset.
let host: MeetingsAgent;
let stranger: MeetingsAgent;
let phoneOnly: Awaited<ReturnType<typeof aConnectedAgent>>;
let cappedB: MeetingsAgent;
let cappedA: MeetingsAgent;
let cappedGone: MeetingsAgent;
let cappedMove: MeetingsAgent;

beforeAll(async () => {
  app = await startTestApp({ clock });
  app.simulator.state.now = clock.now;
  host = await aMeetingsAgent(app);
  stranger = await aMeetingsAgent(app, { connect: false });
  phoneOnly = await aConnectedAgent(app);
  cappedB = await aMeetingsAgent(app);
  cappedA = await aMeetingsAgent(app);
  cappedGone = await aMeetingsAgent(app);
  cappedMove = await aMeetingsAgent(app);
});
afterAll(async () => app.close());
afterEach(async () => {
  clock.reset();
  await simJson(app, 'DELETE', '/sim/faults');
});

// Field report 17 (b): Zoom's daily-cap answer, with no Retry-After header.
const dailyLimitBody = {
  code: 429,
  message:
    'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests ' +
    'permitted for this particular user. You may resume these requests at GMT 00:00:00.',
};

const createCalls = async () =>
  (await simRequests(app, '/v2/users/me/meetings')).filter((r) => r.method === 'POST').length;

const simMeetings = async () =>
  (await simJson(app, 'GET', '/sim/meetings')).json.meetings as {
    id: number;
    topic: string;
    startTime: string;
    timezone: string;
    duration: number;
    autoRecording: string;
    hostId: string;
  }[];

const meetingsOf = async (agent: MeetingsAgent) =>
  (await simMeetings()).filter((meeting) => meeting.hostId === agent.zoomUserId);

const zoomMeeting = async (zoomMeetingId: string) =>
  (await simMeetings()).find((meeting) => String(meeting.id) === zoomMeetingId);

const createMeeting = (agent: MeetingsAgent, activityId: string) =>
  agent.client.post(`/api/activities/${activityId}/zoom-meeting`);

const createJobs = (agent: MeetingsAgent) =>
  app.started.context.jobs.list({ name: 'zoom.meeting.create', userId: agent.userId });

/** Moves the clock ahead while waiting, so a job's backoff passes without real waiting. */
async function whileTimeFlies<T>(check: () => Promise<T | undefined | false>) {
  const ticker = setInterval(() => clock.advance(10_000), 100);

  try {
    return await waitFor(check, 15_000);
  } finally {
    clearInterval(ticker);
  }
}

describe('creating the Zoom meeting of an activity', () => {
  it('field report 6: sends 17:00 Berlin as Berlin time, and Zoom schedules 15:00Z', async () => {
    clock.setTo('2026-07-01T10:00:00Z');

    const agent = host;
    const contact = await addContact(agent.client, 'Jordan Sample', ['+16045550147']);
    const activity = await anActivity(agent.client, {
      startsAt: '2026-07-14T17:00:00+02:00',
      timeZone: 'Europe/Berlin',
      contactId: contact.id,
      notes: 'Walk-through with the buyer',
    });
    const created = await createMeeting(agent, activity.id);
    const zoomSide = await zoomMeeting(created.json.meeting.zoomMeetingId);
    const row = await app.database.db
      .selectFrom('zoom_meetings')
      .select('synced_request')
      .where('activity_id', '=', activity.id)
      .executeTakeFirstOrThrow();

    expect(created.status).toBe(201);
    expect(created.json.meeting).toMatchObject({
      state: 'created',
      startTime: '2026-07-14T15:00:00Z',
      timeZone: 'Europe/Berlin',
      joinUrl: expect.stringMatching(new RegExp(`^${app.simulatorUrl}/j/\\d+\\?pwd=`)),
      passcode: expect.stringMatching(/^\w{4,10}$/),
      recording: 'waiting',
      transcript: { state: 'waiting', reason: null },
    });
    expect(zoomSide).toMatchObject({
      topic: 'Virtual showing: 12 Elm St · Jordan Sample',
      startTime: '2026-07-14T15:00:00Z',
      timezone: 'Europe/Berlin',
      duration: 45,
      autoRecording: 'cloud',
    });
    expect(JSON.parse(row.synced_request ?? '{}')).toMatchObject({
      type: 2,
      start_time: '2026-07-14T17:00:00',
      timezone: 'Europe/Berlin',
      agenda: 'Walk-through with the buyer',
      settings: { auto_recording: 'cloud' },
    });
  });

  it('refuses a missing or past time and a missing Meetings card, each by its code, asking Zoom nothing', async () => {
    const agent = host;
    const before = await createCalls();
    const untimed = await anActivity(agent.client, { startsAt: null, timeZone: null });
    // One minute ago, written in Auckland's offset: already past, whatever the server's zone.
    const past = await anActivity(agent.client, {
      startsAt: new Date(Date.now() - 60_000 + 13 * 3_600_000).toISOString().replace('Z', '+13:00'),
      timeZone: 'Pacific/Auckland',
    });
    const answers = [
      await createMeeting(agent, untimed.id),
      await createMeeting(agent, past.id),
      await createMeeting(stranger, (await anActivity(stranger.client)).id),
      await phoneOnly.client.post(
        `/api/activities/${(await anActivity(phoneOnly.client)).id}/zoom-meeting`,
      ),
    ];

    expect(answers.map((answer) => [answer.status, answer.json.error.code])).toEqual([
      [422, 'ACTIVITY_TIME_MISSING'],
      [422, 'ACTIVITY_IN_PAST'],
      [409, 'ZOOM_MEETINGS_NOT_CONNECTED'],
      [409, 'ZOOM_MEETINGS_NOT_CONNECTED'],
    ]);
    expect(await createCalls()).toBe(before);
    expect((await agent.client.get(`/api/activities/${past.id}`)).status).toBe(200);
    expect(
      (await agent.client.get(`/api/activities/${past.id}/zoom-meeting`)).json.meeting,
    ).toBeNull();
  });

  it('makes exactly one Zoom meeting from a double click, and says so to the second click', async () => {
    const agent = host;
    const activity = await anActivity(agent.client);
    const before = await createCalls();
    const meetingsBefore = (await meetingsOf(agent)).length;
    const clicks = await Promise.all([
      createMeeting(agent, activity.id),
      createMeeting(agent, activity.id),
    ]);
    const statuses = clicks.map((click) => click.status).sort();
    const later = await createMeeting(agent, activity.id);
    const first = clicks.find((click) => click.status === 201);

    expect(statuses).toEqual([201, 409]);
    expect(clicks.find((click) => click.status === 409)?.json.error.code).toBe(
      'ZOOM_MEETING_EXISTS',
    );
    expect(later.json.error.details.meeting.joinUrl).toBe(first?.json.meeting.joinUrl);
    expect(await createCalls()).toBe(before + 1);
    expect(await meetingsOf(agent)).toHaveLength(meetingsBefore + 1);
  });

  it('shows Zoom’s code 300 field errors, keeps the activity, and lets the agent try again', async () => {
    const agent = host;
    const activity = await anActivity(agent.client);
    const meetingsBefore = (await meetingsOf(agent)).length;

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 400,
      body: {
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'settings.auto_recording', message: 'Cloud recording is not enabled.' }],
      },
    });

    const refused = await createMeeting(agent, activity.id);
    const shown = (await agent.client.get(`/api/activities/${activity.id}/zoom-meeting`)).json
      .meeting;

    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: 'ZOOM_VALIDATION_FAILED',
      details: {
        fields: [{ field: 'settings.auto_recording', message: 'Cloud recording is not enabled.' }],
      },
    });
    expect(shown).toMatchObject({ state: 'failed', problem: { code: 'ZOOM_VALIDATION_FAILED' } });
    expect(shown.problem.fields).toHaveLength(1);
    expect(await meetingsOf(agent)).toHaveLength(meetingsBefore);
    expect((await agent.client.get(`/api/activities/${activity.id}`)).status).toBe(200);
    expect((await createMeeting(agent, activity.id)).status).toBe(201);
  });

  it('field report 17 b: the daily cap parks creation until 00:00 UTC, calls Zoom no more, then creates', async () => {
    clock.setTo('2026-12-03T15:00:00Z');

    const agent = cappedB;
    const first = await anActivity(agent.client);
    const second = await anActivity(agent.client);

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 429,
      body: dailyLimitBody,
    });

    const before = await createCalls();
    const parked = await createMeeting(agent, first.id);
    const alsoParked = await createMeeting(agent, second.id);

    expect(parked.status).toBe(202);
    expect(parked.json.meeting).toMatchObject({
      state: 'limited',
      problem: {
        code: 'ZOOM_DAILY_LIMIT',
        message: 'Zoom limit reached, try after 00:00 UTC',
        retryAt: '2026-12-04T00:00:00.000Z',
      },
    });
    expect(alsoParked.json.meeting.state).toBe('limited');
    expect(await createCalls()).toBe(before + 1);
    expect((await createJobs(agent)).map((job) => [job.state, job.runAt])).toEqual([
      ['queued', Date.parse('2026-12-04T00:00:00Z')],
      ['queued', Date.parse('2026-12-04T00:00:00Z')],
    ]);

    clock.setTo('2026-12-03T23:59:50Z');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await createCalls()).toBe(before + 1);

    clock.setTo('2026-12-04T00:00:01Z');
    await meetingWhen(agent.client, first.id, (meeting) => meeting.state === 'created');
    await meetingWhen(agent.client, second.id, (meeting) => meeting.state === 'created');
    expect(await createCalls()).toBe(before + 3);
  });

  it('field report 17 a: a Retry-After instant is the resume time', async () => {
    clock.setTo('2026-12-03T15:00:00Z');

    const agent = cappedA;
    const activity = await anActivity(agent.client);

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 429,
      body: { code: 429, message: 'Too many requests.' },
      retryAfter: '2026-12-04T00:00:00Z',
    });

    const parked = await createMeeting(agent, activity.id);

    expect(parked.json.meeting.problem.retryAt).toBe('2026-12-04T00:00:00.000Z');
    // The agent's earlier creations are done; the one still queued waits for the reset.
    expect(
      await waitFor(async () => {
        const waiting = (await createJobs(agent)).filter((job) => job.state === 'queued');

        return waiting.length === 1 && waiting[0]!.runAt > clock.now() && waiting[0]!.runAt;
      }),
    ).toBe(Date.parse('2026-12-04T00:00:00Z'));

    clock.setTo('2026-12-04T00:00:01Z');
    await meetingWhen(agent.client, activity.id, (meeting) => meeting.state === 'created');
  });

  it('field report 17 c: a per-second 429 is retried with backoff; a storm of them ends after five tries', async () => {
    const agent = host;
    const once = await anActivity(agent.client);
    const stormy = await anActivity(agent.client);

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 429,
      times: 1,
    });

    const before = await createCalls();

    await createMeeting(agent, once.id);
    await whileTimeFlies(
      async () =>
        (await agent.client.get(`/api/activities/${once.id}/zoom-meeting`)).json.meeting.state ===
        'created',
    );
    expect(await createCalls()).toBe(before + 2);

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 429,
      times: 50,
    });
    await createMeeting(agent, stormy.id);

    const failed = await whileTimeFlies(async () => {
      const { meeting } = (await agent.client.get(`/api/activities/${stormy.id}/zoom-meeting`))
        .json;

      return meeting.state === 'failed' ? meeting : undefined;
    });

    expect(failed.problem.code).toBe('ZOOM_UNAVAILABLE');
    expect(await createCalls()).toBe(before + 2 + 5);
  });

  it('hands "Start as host" a fresh start_url each time, and keeps none of them', async () => {
    const agent = host;
    const activity = await anActivity(agent.client);

    await createMeeting(agent, activity.id);

    const first = await agent.client.get(`/api/activities/${activity.id}/zoom-meeting/start-url`);
    const second = await agent.client.get(`/api/activities/${activity.id}/zoom-meeting/start-url`);
    const zak = new URL(first.json.startUrl).searchParams.get('zak') ?? 'missing';
    const row = await app.database.db
      .selectFrom('zoom_meetings')
      .selectAll()
      .where('activity_id', '=', activity.id)
      .executeTakeFirstOrThrow();

    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.json.startUrl).toMatch(new RegExp(`^${app.simulatorUrl}/s/\\d+\\?zak=`));
    expect(second.json.startUrl).not.toBe(first.json.startUrl);
    expect(JSON.stringify(row)).not.toContain(zak);
    expect(app.logs.join('')).not.toContain(zak);
    expect((await fetch(first.json.startUrl)).status).toBe(200);
  });
});

describe('keeping the Zoom meeting in step with its activity', () => {
  const patchCalls = async () =>
    (await simRequests(app, '/v2/meetings/')).filter((r) => r.method === 'PATCH').length;

  it('moves the Zoom meeting when the activity moves, and sends nothing when nothing moved', async () => {
    const agent = host;
    const activity = await anActivity(agent.client);
    const body = (startsAt: string) => ({
      kind: 'showing',
      title: 'Virtual showing: 12 Elm St',
      startsAt,
      timeZone: 'America/Vancouver',
      durationMinutes: 45,
    });
    const moved = new Date(Date.now() + 10 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z');

    const made = await createMeeting(agent, activity.id);
    const before = await patchCalls();

    expect((await agent.client.patch(`/api/activities/${activity.id}`, body(moved))).status).toBe(
      200,
    );
    await waitFor(
      async () =>
        (await zoomMeeting(made.json.meeting.zoomMeetingId))?.startTime ===
        moved.replace('.000Z', 'Z'),
    );
    await meetingWhen(
      agent.client,
      activity.id,
      (meeting) => meeting.startTime === moved.replace('.000Z', 'Z'),
    );

    await agent.client.patch(`/api/activities/${activity.id}`, body(moved));
    await waitFor(async () => {
      const pending = await app.started.context.jobs.list({
        name: 'zoom.meeting.update',
        userId: agent.userId,
        states: ['queued', 'running'],
      });

      return pending.length === 0;
    });
    expect(await patchCalls()).toBe(before + 1);
  });

  it('parks a move under the daily cap, shows it, and sends only the latest time after the reset', async () => {
    const agent = cappedMove;
    const activity = await anActivity(agent.client);
    const made = await createMeeting(agent, activity.id);
    const body = (days: number) => ({
      kind: 'showing',
      title: 'Virtual showing: 12 Elm St',
      startsAt: new Date(Date.parse('2026-12-10T18:00:00Z') + days * 86_400_000).toISOString(),
      timeZone: 'America/Vancouver',
      durationMinutes: 45,
    });

    clock.setTo('2026-12-03T15:00:00Z');
    await simJson(app, 'POST', '/sim/faults', {
      method: 'PATCH',
      path: `/v2/meetings/${made.json.meeting.zoomMeetingId}`,
      status: 429,
      body: dailyLimitBody,
    });

    const before = await patchCalls();

    await agent.client.patch(`/api/activities/${activity.id}`, body(1));

    const limited = await meetingWhen(
      agent.client,
      activity.id,
      (meeting) => meeting.sync === 'limited',
    );

    await agent.client.patch(`/api/activities/${activity.id}`, body(2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(limited.problem.message).toBe('Zoom limit reached, try after 00:00 UTC');
    expect(await patchCalls()).toBe(before + 1);

    clock.setTo('2026-12-04T00:00:01Z');
    await meetingWhen(
      agent.client,
      activity.id,
      (meeting) => meeting.sync === 'in_sync' && meeting.problem === null,
    );
    expect((await zoomMeeting(made.json.meeting.zoomMeetingId))?.startTime).toBe(
      '2026-12-12T18:00:00Z',
    );
  });

  it('deletes the Zoom meeting with its activity, and takes Zoom’s 404 as done', async () => {
    const agent = host;
    const kept = await anActivity(agent.client);
    const gone = await anActivity(agent.client);

    const first = await createMeeting(agent, kept.id);
    const made = await createMeeting(agent, gone.id);

    expect((await agent.client.delete(`/api/activities/${kept.id}`)).status).toBe(204);
    await waitFor(async () => (await zoomMeeting(first.json.meeting.zoomMeetingId)) === undefined);
    expect(await zoomMeeting(made.json.meeting.zoomMeetingId)).toBeDefined();

    await simJson(app, 'POST', '/sim/faults', {
      method: 'DELETE',
      path: `/v2/meetings/${made.json.meeting.zoomMeetingId}`,
      status: 404,
      body: { code: 3001, message: `Meeting does not exist: ${made.json.meeting.zoomMeetingId}.` },
    });
    await agent.client.delete(`/api/activities/${gone.id}`);

    const row = await waitFor(async () => {
      const found = await app.database.db
        .selectFrom('zoom_meetings')
        .select(['state', 'activity_id'])
        .where('id', '=', made.json.meeting.id)
        .executeTakeFirst();

      return found?.state === 'deleted' ? found : undefined;
    });
    const failedJobs = await app.started.context.jobs.list({
      name: 'zoom.meeting.delete',
      userId: agent.userId,
      states: ['failed'],
    });

    expect(row.activity_id).toBeNull();
    expect(failedJobs).toEqual([]);
  });

  it('removes just the meeting, at Zoom too, and lets a new one be made', async () => {
    const agent = host;
    const activity = await anActivity(agent.client);
    const first = await createMeeting(agent, activity.id);

    expect((await agent.client.delete(`/api/activities/${activity.id}/zoom-meeting`)).status).toBe(
      202,
    );
    await waitFor(async () => (await zoomMeeting(first.json.meeting.zoomMeetingId)) === undefined);
    expect(
      (await agent.client.get(`/api/activities/${activity.id}/zoom-meeting`)).json.meeting,
    ).toBeNull();

    const second = await createMeeting(agent, activity.id);

    expect(second.status).toBe(201);
    expect(second.json.meeting.zoomMeetingId).not.toBe(first.json.meeting.zoomMeetingId);
  });

  it('never sends a meeting whose activity was deleted while its creation waited for Zoom’s reset', async () => {
    clock.setTo('2026-12-03T15:00:00Z');

    const agent = cappedGone;
    const activity = await anActivity(agent.client);

    await simJson(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 429,
      body: dailyLimitBody,
    });
    await createMeeting(agent, activity.id);

    const before = await createCalls();

    await agent.client.delete(`/api/activities/${activity.id}`);
    clock.setTo('2026-12-04T00:00:05Z');
    await waitFor(async () => (await createJobs(agent)).every((job) => job.state === 'done'));
    expect(await createCalls()).toBe(before);
    expect(await meetingsOf(agent)).toHaveLength(0);
  });
});
