import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCurrentUser } from '../../src/zoom/users.api.js';
import {
  aMeetingsAgent,
  anActivity,
  meetingWhen,
  simRequests,
  type MeetingsAgent,
} from '../support/meetings-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { connectZoom } from '../support/zoom-flows.js';

// Jobs start only once the work is queued and the grant is dead, so the order of events is
// the test's, not the job runner's.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
});
afterAll(async () => {
  await app.close();
});

const context = () => app.started.context;

/** Meetings Zoom created, for every agent of the simulator. */
const meetingCreatesAtZoom = async () =>
  (await simRequests(app, '/v2/users/me/meetings')).filter(
    (r) => r.method === 'POST' && r.status === 201 && r.path === '/v2/users/me/meetings',
  ).length;

const heldFor = (agent: MeetingsAgent) =>
  app.database.db
    .selectFrom('jobs_awaiting_reconnect')
    .select(['job_name'])
    .where('user_id', '=', agent.userId)
    .execute();

async function queueMeeting(agent: MeetingsAgent) {
  const activity = await anActivity(agent.client);
  const queued = await agent.client.post(`/api/activities/${activity.id}/zoom-meeting`);

  // Nothing runs jobs yet: the create waits in the queue.
  expect(queued.status).toBe(202);

  return activity.id;
}

/** The refresh token Zoom no longer honours (revoked elsewhere), met by the next Zoom call. */
async function killGrant(agent: MeetingsAgent) {
  const row = await app.database.db
    .selectFrom('zoom_connections')
    .select('id')
    .where('user_id', '=', agent.userId)
    .executeTakeFirstOrThrow();

  await app.database.db
    .updateTable('zoom_connections')
    .set({
      refresh_token_enc: context().cipher.seal('RT-revoked-elsewhere'),
      access_expires_at: Date.now() - 1,
    })
    .where('id', '=', row.id)
    .execute();

  const failure = await context()
    .zoomAccess.call(row.id, (token) => getCurrentUser(context().zoom, token))
    .catch((error: unknown) => error);

  expect(failure).toMatchObject({ outcome: 'reconnect' });
}

describe('a dead grant holds the agent’s Zoom jobs until they reconnect', () => {
  it('queued meeting creations wait without calling Zoom or failing, then complete after the reconnect; another agent’s run', async () => {
    const agent = await aMeetingsAgent(app);
    const bystander = await aMeetingsAgent(app);
    const [first, second, bystanders] = await Promise.all([
      queueMeeting(agent),
      queueMeeting(agent),
      queueMeeting(bystander),
    ]);

    await killGrant(agent);
    expect((await agent.client.get('/api/integrations/zoom')).json.meetings.state).toBe(
      'needs_reconnect',
    );

    const createsBefore = await meetingCreatesAtZoom();

    context().jobs.start();

    await meetingWhen(bystander.client, bystanders, (m) => m.state === 'created');
    await waitFor(async () => (await heldFor(agent)).length === 2);

    // Held, not failed: no problem shown, and Zoom was not asked on the agent's behalf.
    for (const activityId of [first, second]) {
      const { json } = await agent.client.get(`/api/activities/${activityId}/zoom-meeting`);

      expect(json.meeting).toMatchObject({ state: 'creating', problem: null });
    }

    expect(await meetingCreatesAtZoom()).toBe(createsBefore + 1);

    // Each create ran once and ended quietly: no retries burnt, nothing failed.
    const creates = (await context().jobs.list({ userId: agent.userId })).filter(
      (job) => job.name === 'zoom.meeting.create',
    );

    expect(creates.map((job) => [job.state, job.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);

    const landing = await connectZoom(app, agent.client, 'meetings', agent.zoomEmail);

    expect(landing.searchParams.get('connected')).toBe('meetings');

    for (const activityId of [first, second]) {
      const meeting = await meetingWhen(agent.client, activityId, (m) => m.state === 'created');

      expect(meeting.joinUrl).toMatch(/^https?:\/\//);
    }

    expect(await heldFor(agent)).toEqual([]);
    expect(await meetingCreatesAtZoom()).toBe(createsBefore + 3);
  }, 60_000);

  it('disconnecting while work waits drops it: nothing runs after a later connect', async () => {
    // Its own app: the first test started the shared app's jobs.
    await app.close();
    app = await startTestApp({ startJobs: false });

    const agent = await aMeetingsAgent(app);
    const activityId = await queueMeeting(agent);

    await killGrant(agent);
    context().jobs.start();
    await waitFor(async () => (await heldFor(agent)).length === 1);

    await agent.client.delete('/api/integrations/zoom/meetings');

    expect(await heldFor(agent)).toEqual([]);

    await connectZoom(app, agent.client, 'meetings', agent.zoomEmail);

    const { json } = await agent.client.get(`/api/activities/${activityId}/zoom-meeting`);

    expect(json.meeting?.state).not.toBe('created');
  }, 60_000);
});
