import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backfillMaxAttempts } from '../../src/integrations/zoom/backfill/backfill-page.job.js';
import { meetingWriteAttempts } from '../../src/integrations/zoom/meetings/meeting-write-failure.js';
import { voicemailTranscribeAttempts } from '../../src/integrations/zoom/voicemail/voicemail-transcribe.job.js';
import { aConnectedAgent } from '../support/connected-agent.js';
import type { TestClient } from '../support/http-client.js';
import { aMeetingsAgent, anActivity } from '../support/meetings-agent.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { pollUntil } from '../support/slow-poll.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  leaveVoicemail,
  settledVoicemail,
  useSimulatorWhisper,
  whisperTraffic,
} from '../support/voicemail-scenarios.js';
import { connectZoom, createSimUser } from '../support/zoom-flows.js';

// Zoom and OpenAI having a bad day: a share of 5xx, a stretch of 429s, answers slower than our
// timeout, an outage. Every retry is bounded by the job's attempts (counted at the simulator),
// the agent sees a clear state meanwhile, and nothing is lost once the storm passes.
let app: TestApp;
let counter = 0;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      BACKFILL_DAYS: '60',
      BACKFILL_PAGE_SIZE: '40',
      ZOOM_ACCOUNT_REQUESTS_PER_SECOND: '50',
      ZOOM_HTTP_TIMEOUT_MS: '1000',
    },
  });
});
afterEach(async () => {
  await simControl(app, 'DELETE', '/sim/traffic');
  await simControl(app, 'DELETE', '/sim/faults');
  await simControl(app, 'DELETE', '/sim/openai/faults');
});
// Known gap: under a loaded machine this close has taken over a minute after the storms (twice
// in CI dry runs, never alone); the suspect is jobs still retrying against the simulator after
// the queue's 10 s stop, which keep the simulator's close waiting. Until that is found, the
// close gets more time than the default hook limit rather than failing the suite.
afterAll(async () => app.close(), 180_000);

const historyPath = '/v2/phone/users/me/call_history';
const historyRequests = async () => (await simRequests(app)).filter((r) => r.path === historyPath);

/** A Zoom Phone user with `count` past calls, and a CRM agent not yet connected to them. */
async function agentWithHistory(count: number) {
  counter += 1;

  const zoomEmail = `storm${counter}@zoom.example.com`;
  const client = await app.createAgent(`storm${counter}@crm.example.com`);

  await createSimUser(app, { email: zoomEmail, phoneNumber: `+1512555${4100 + counter}` });
  await simControl(app, 'POST', `/sim/users/${zoomEmail}/history`, {
    count,
    from: new Date(Date.now() - 55 * 86_400_000).toISOString(),
    to: new Date(Date.now() - 86_400_000).toISOString(),
    seed: 100 + counter,
  });

  return { client, zoomEmail };
}

async function history(client: TestClient) {
  return (await client.get('/api/integrations/zoom')).json.phone.history as
    { state: string; calls: number; text: string } | undefined;
}

async function finishedImport(client: TestClient) {
  return pollUntil(async () => {
    const h = await history(client);

    return h && h.state !== 'importing' && h.state !== 'paused' ? h : undefined;
  }, 120_000);
}

async function distinctCallsOf(client: TestClient) {
  const userId = (await client.get('/api/session')).json.user.id;
  const rows = await app.database.db
    .selectFrom('calls')
    .select('zoom_call_id')
    .where('owner_id', '=', userId)
    .execute();

  return { rows: rows.length, distinct: new Set(rows.map((r) => r.zoom_call_id)).size };
}

describe('Zoom storms during a call-history back-fill', () => {
  it('30% of Zoom answers are 503: retried within the attempt bound, every call imported once', async () => {
    const { client, zoomEmail } = await agentWithHistory(400);

    await simControl(app, 'DELETE', '/sim/requests');
    await connectZoom(app, client, 'phone', zoomEmail);
    await simControl(app, 'POST', '/sim/traffic', { errorRate: 0.3, seed: 5 });

    const done = await finishedImport(client);
    const requests = await historyRequests();
    const pages = requests.filter((r) => r.status === 200).length;
    const calls = await distinctCallsOf(client);

    expect(done).toMatchObject({ state: 'done', calls: 400 });
    expect(calls).toEqual({ rows: 400, distinct: 400 });
    expect(requests.some((r) => r.status === 503)).toBe(true);
    // No retry storm: at most the job's attempts per page that was needed.
    expect(requests.length).toBeLessThanOrEqual(pages * backfillMaxAttempts);
    recordReliabilityFigure({
      area: 'Upstream storms',
      fault: `Zoom 30% 503 during back-fill (${requests.length} requests for ${pages} pages)`,
      tried: 400,
      wrong: 400 - calls.distinct,
      wrongMeans: 'call lost',
    });
  }, 150_000);

  it('every Zoom call answered 429 for 4 s: parked by Retry-After, a few tries only, nothing lost', async () => {
    const { client, zoomEmail } = await agentWithHistory(200);

    // The first page is parked 2 s by one 429, so the storm is already raging when it resumes.
    await simControl(app, 'POST', '/sim/faults', {
      method: 'GET',
      path: historyPath,
      status: 429,
      times: 1,
      retryAfter: 2,
    });
    await connectZoom(app, client, 'phone', zoomEmail);
    await simControl(app, 'DELETE', '/sim/requests');
    await simControl(app, 'POST', '/sim/traffic', { throttleForMs: 4000, retryAfter: 'seconds' });

    const done = await finishedImport(client);
    const tooMany = (await historyRequests()).filter((r) => r.status === 429).length;
    const calls = await distinctCallsOf(client);

    expect(done).toMatchObject({ state: 'done', calls: 200 });
    expect(calls).toEqual({ rows: 200, distinct: 200 });
    // Retry-After is honoured: a 4-second stretch costs a handful of requests, not a storm.
    expect(tooMany).toBeGreaterThanOrEqual(1);
    expect(tooMany).toBeLessThanOrEqual(4);
    recordReliabilityFigure({
      area: 'Upstream storms',
      fault: `Zoom 429 storm (4 s) during back-fill (${tooMany} answered 429)`,
      tried: 200,
      wrong: 200 - calls.distinct,
      wrongMeans: 'call lost',
    });
  }, 150_000);

  it('answers slower than the 1 s client timeout for a while: retried within bound, nothing lost', async () => {
    const { client, zoomEmail } = await agentWithHistory(200);

    // The first page is parked 2 s by a 429, so the slow stretch begins before the import does;
    // connecting itself meets no delay.
    await simControl(app, 'POST', '/sim/faults', {
      method: 'GET',
      path: historyPath,
      status: 429,
      times: 1,
      retryAfter: 2,
    });
    await connectZoom(app, client, 'phone', zoomEmail);
    await simControl(app, 'DELETE', '/sim/requests');
    await simControl(app, 'POST', '/sim/traffic', { latencyMs: 1500 });

    // A request our client gave up on never completes at the simulator, so it is not in its
    // log; the run's last problem shows the time-outs happened instead.
    const userId = (await client.get('/api/session')).json.user.id;
    const problem = await pollUntil(
      async () => {
        const run = await app.database.db
          .selectFrom('backfill_runs')
          .select(['last_error', 'status'])
          .where('user_id', '=', userId)
          .executeTakeFirst();

        // The parking 429 notes "rate limit"; a time-out notes something else.
        return run?.last_error && !/rate limit/i.test(run.last_error) ? run.last_error : undefined;
      },
      30_000,
      200,
    );

    await simControl(app, 'DELETE', '/sim/traffic');

    const done = await finishedImport(client);
    const requests = await historyRequests();
    const calls = await distinctCallsOf(client);

    expect(problem).toEqual(expect.any(String));
    expect(done).toMatchObject({ state: 'done', calls: 200 });
    expect(calls).toEqual({ rows: 200, distinct: 200 });
    expect(requests.length).toBeLessThanOrEqual(
      requests.filter((r) => r.status === 200).length * backfillMaxAttempts,
    );
    recordReliabilityFigure({
      area: 'Upstream storms',
      fault: 'Zoom answers slower than the client timeout during back-fill',
      tried: 200,
      wrong: 200 - calls.distinct,
      wrongMeans: 'call lost',
    });
  }, 150_000);
});

describe('a Zoom 5xx storm during meeting creation', () => {
  it('gives up after the bounded attempts with a clear state, and Try again makes exactly one meeting', async () => {
    const agent = await aMeetingsAgent(app);
    const activity = await anActivity(agent.client);
    const creates = async () =>
      (await simRequests(app)).filter(
        (r) => r.method === 'POST' && r.path === '/v2/users/me/meetings',
      );
    const meetingsAtZoom = async () =>
      ((await simControl(app, 'GET', '/sim/meetings')).meetings as { hostId: string }[]).filter(
        (m) => m.hostId === agent.zoomUserId,
      );

    await simControl(app, 'DELETE', '/sim/requests');
    await simControl(app, 'POST', '/sim/faults', {
      method: 'POST',
      path: '/v2/users/me/meetings',
      status: 503,
      times: 1000,
    });
    await agent.client.post(`/api/activities/${activity.id}/zoom-meeting`);

    const failed = await pollUntil(async () => {
      const { meeting } = (await agent.client.get(`/api/activities/${activity.id}/zoom-meeting`))
        .json;

      return meeting?.state === 'failed' ? meeting : undefined;
    }, 60_000);
    const stormRequests = (await creates()).length;

    expect(failed.problem.code).toBe('ZOOM_UNAVAILABLE');
    expect(stormRequests).toBe(meetingWriteAttempts);
    expect(await meetingsAtZoom()).toHaveLength(0);

    await simControl(app, 'DELETE', '/sim/faults');

    const retried = await agent.client.post(`/api/activities/${activity.id}/zoom-meeting`);
    const created = await pollUntil(async () => {
      const { meeting } = (await agent.client.get(`/api/activities/${activity.id}/zoom-meeting`))
        .json;

      return meeting?.state === 'created' ? meeting : undefined;
    }, 30_000);

    expect(retried.status).toBeLessThan(300);
    expect(created.joinUrl).toEqual(expect.any(String));
    expect(await meetingsAtZoom()).toHaveLength(1);
    recordReliabilityFigure({
      area: 'Upstream storms',
      fault: `Zoom 503 storm on meeting create (${stormRequests} tries, bound ${meetingWriteAttempts})`,
      tried: 1,
      wrong: (await meetingsAtZoom()).length === 1 ? 0 : 1,
      wrongMeans: 'meeting lost or doubled',
    });
  }, 90_000);
});

describe('an OpenAI outage', () => {
  it('Whisper slower than our timeout: bounded tries, "failed, retryable", and Retry works after', async () => {
    useSimulatorWhisper(app, 400);

    const agent = await aConnectedAgent(app);

    await simControl(app, 'POST', '/sim/openai/faults', { delayMs: 1500, count: 50 });

    const before = await whisperTraffic(app);
    const { voicemailId } = await leaveVoicemail(app, agent);
    const failed = await settledVoicemail(agent, ['failed', 'done'], voicemailId, 60_000);
    const tries = (await whisperTraffic(app)).attempts - before.attempts;

    expect(failed).toMatchObject({ status: 'failed', retryable: true, transcript: null });
    expect(tries).toBe(voicemailTranscribeAttempts);

    await simControl(app, 'DELETE', '/sim/openai/faults');
    useSimulatorWhisper(app);

    expect((await agent.client.post(`/api/voicemails/${failed.id}/retry`, {})).status).toBe(202);

    const done = await settledVoicemail(agent, ['done'], voicemailId, 30_000);

    expect(done.transcript?.text).toEqual(expect.any(String));
    recordReliabilityFigure({
      area: 'Upstream storms',
      fault: `OpenAI slower than timeout (${tries} tries, bound ${voicemailTranscribeAttempts})`,
      tried: 1,
      wrong: done.status === 'done' ? 0 : 1,
      wrongMeans: 'voicemail lost',
    });
  }, 120_000);
});
