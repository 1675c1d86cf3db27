import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { callEvents, openEventStream, type OpenStream } from '../support/event-stream.js';
import { hangUpSimCall, holdSimCall } from '../support/held-calls.js';
import { createLogger } from '../../src/lib/logger.js';
import { createRealtime } from '../../src/realtime/realtime.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

let app: TestApp;
let agent: ConnectedAgent;
let stream: OpenStream;

beforeAll(async () => {
  // A short catch-up poll, for the test of events another process publishes.
  app = await startTestApp({ env: { REALTIME_POLL_INTERVAL_MS: '200' } });
  agent = await aConnectedAgent(app);
  await addContact(agent.client, 'Jordan Sample', ['+1 512 555 0147']);
  stream = await openEventStream(agent.client);
});
afterAll(async () => {
  await stream?.close();
  await app.close();
});

const ofCall = (zoomCallId: string) => (event: { type: string; data: any }) =>
  event.type === 'call' && event.data.call.zoomCallId === zoomCallId;

/** Ends a call acted out with hand-made events, so it leaves no ringing row behind. */
async function missedNow(callId: string) {
  await postWebhook(
    app.baseUrl,
    aCallEvent('phone.callee_missed', {
      callId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      endedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      handupResult: 'No Answer',
    }),
  );
  await stream.next((event) => ofCall(callId)(event) && event.data.phase === 'ended');
}

async function loggedCalls(zoomCallId: string) {
  const { json } = await agent.client.get('/api/calls?limit=200');

  return json.calls.filter((call: { zoomCallId: string }) => call.zoomCallId === zoomCallId);
}

describe('the inbound screen-pop on GET /api/events', () => {
  it('starts a fresh stream with a snapshot of the live state', () => {
    expect(stream.status).toBe(200);
    expect(stream.events[0]).toMatchObject({
      type: 'snapshot',
      data: { liveCalls: { calls: [] } },
    });
    expect(stream.events[0]?.id).toEqual(expect.any(Number));
  });

  it('pops up the caller’s contact while the phone rings, and a missed call leaves a call-back', async () => {
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
      state: 'ringing',
    });
    const ringing = await stream.next(ofCall(held.callId));

    expect(ringing.data).toMatchObject({
      phase: 'ringing',
      screenPop: true,
      line: 'personal',
      call: { direction: 'inbound', contacts: [{ name: 'Jordan Sample' }] },
    });

    await hangUpSimCall(app, held.callId);

    const ended = await stream.next(
      (event) => ofCall(held.callId)(event) && event.data.phase === 'ended',
    );

    expect(ended.data).toMatchObject({
      screenPop: false,
      callBack: 'open',
      call: { result: 'missed' },
    });
    expect(callEvents(stream, held.callId).map((event) => event.data.phase)).toEqual([
      'ringing',
      'ended',
    ]);
    expect(await loggedCalls(held.callId)).toHaveLength(1);
  });
});

describe('calls that must not pop up, and odd deliveries', () => {
  it('a call a queue or shared line routes to the agent rings without a pop and is still logged', async () => {
    for (const type of ['callQueue', 'sharedLineGroup']) {
      const held = await holdSimCall(app, {
        userEmail: agent.zoomEmail,
        direction: 'inbound',
        externalNumber: '+15125550147',
        via: { type },
      });
      const ringing = await stream.next(ofCall(held.callId));

      expect(ringing.data, type).toMatchObject({
        phase: 'ringing',
        line: 'shared',
        screenPop: false,
      });

      await hangUpSimCall(app, held.callId);

      const ended = await stream.next(
        (event) => ofCall(held.callId)(event) && event.data.phase === 'ended',
      );

      // A colleague may have answered it: no call-back item chases the caller.
      expect(ended.data.callBack, type).toBeNull();
      expect(await loggedCalls(held.callId), type).toHaveLength(1);
    }
  });

  it('a hidden caller pops up as unknown, matches no contact and leaves no call-back', async () => {
    const held = await holdSimCall(app, { userEmail: agent.zoomEmail, direction: 'inbound' });
    const ringing = await stream.next(ofCall(held.callId));

    expect(ringing.data).toMatchObject({
      screenPop: true,
      call: { match: 'unknown_caller', contacts: [], externalNumberDisplay: null },
    });

    await hangUpSimCall(app, held.callId);

    const ended = await stream.next(
      (event) => ofCall(held.callId)(event) && event.data.phase === 'ended',
    );

    expect(ended.data).toMatchObject({ callBack: null, call: { contacts: [] } });
  });

  it('a second ringing leg of the same call does not pop up twice', async () => {
    const callId = '7290001112224440001';
    const leg = (ringingAt: string) =>
      aCallEvent('phone.callee_ringing', {
        callId,
        accountId: agent.accountId,
        agentZoomUserId: agent.zoomUserId,
        otherNumber: '+15125550147',
        ringingAt,
      });

    expect((await postWebhook(app.baseUrl, leg(new Date().toISOString()))).status).toBe(200);
    await stream.next(ofCall(callId));
    expect(
      (await postWebhook(app.baseUrl, leg(new Date(Date.now() - 1000).toISOString()))).status,
    ).toBe(200);
    await waitFor(async () => {
      const inbox = await app.database.db
        .selectFrom('webhook_inbox')
        .select('status')
        .where('body', 'like', `%${callId}%`)
        .execute();

      return inbox.length === 2 && inbox.every((row) => row.status !== 'pending');
    });

    expect(callEvents(stream, callId)).toHaveLength(1);
    await missedNow(callId);
  });

  it('an end event before its ringing event gives no pop, only the ended call', async () => {
    const callId = '7290001112224440002';
    const fields = {
      callId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550147',
      ringingAt: new Date(Date.now() - 20_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    };

    await postWebhook(
      app.baseUrl,
      aCallEvent('phone.callee_missed', {
        ...fields,
        endedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        handupResult: 'No Answer',
      }),
    );
    await stream.next(ofCall(callId));
    await postWebhook(app.baseUrl, aCallEvent('phone.callee_ringing', fields));
    await waitFor(async () => {
      const rows = await app.database.db
        .selectFrom('webhook_inbox')
        .select('status')
        .where('body', 'like', `%${callId}%`)
        .execute();

      return rows.length === 2 && rows.every((row) => row.status === 'processed');
    });

    expect(
      callEvents(stream, callId).map((event) => [event.data.phase, event.data.screenPop]),
    ).toEqual([['ended', false]]);
    expect(await loggedCalls(callId)).toHaveLength(1);
  });

  it('a ringing event that arrives long after the call started (a Zoom retry) does not pop up', async () => {
    const callId = '7290001112224440003';

    await postWebhook(
      app.baseUrl,
      aCallEvent('phone.callee_ringing', {
        callId,
        accountId: agent.accountId,
        agentZoomUserId: agent.zoomUserId,
        otherNumber: '+15125550147',
        ringingAt: new Date(Date.now() - 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      }),
    );

    const ringing = await stream.next(ofCall(callId));

    expect(ringing.data).toMatchObject({ phase: 'ringing', screenPop: false });
    await missedNow(callId);
  });
});

describe('streams: reconnects, late openers, other agents', () => {
  it('a reconnect with Last-Event-ID gets exactly the events it missed, in order, once', async () => {
    const first = await openEventStream(agent.client);
    const snapshot = await first.next((event) => event.type === 'snapshot');

    await first.close();

    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
    });

    await stream.next(ofCall(held.callId));
    await hangUpSimCall(app, held.callId);
    await stream.next((event) => ofCall(held.callId)(event) && event.data.phase === 'ended');

    const again = await openEventStream(agent.client, { lastEventId: snapshot.id });

    await again.next((event) => ofCall(held.callId)(event) && event.data.phase === 'ended');

    const replayed = callEvents(again, held.callId);
    const ids = again.events.map((event) => event.id);

    expect(again.events.some((event) => event.type === 'snapshot')).toBe(false);
    expect(replayed.map((event) => event.data.phase)).toEqual(['ringing', 'ended']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a ?? 0) - (b ?? 0)));

    // Reconnecting from the newest id replays nothing old.
    const caughtUp = await openEventStream(agent.client, { lastEventId: again.lastEventId() });

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(caughtUp.events).toEqual([]);
    await Promise.all([again.close(), caughtUp.close()]);
  });

  it('with no stream open the call is still logged; a later stream starts with its call-back', async () => {
    await stream.close();

    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
    });

    await hangUpSimCall(app, held.callId);
    await waitFor(async () => (await loggedCalls(held.callId))[0]?.status === 'ended');

    stream = await openEventStream(agent.client);

    const snapshot = await stream.next((event) => event.type === 'snapshot');
    const calls = snapshot.data.liveCalls.calls;
    const missed = calls.find((view: any) => view.call.zoomCallId === held.callId);

    expect(missed).toMatchObject({ phase: 'ended', callBack: 'open', screenPop: false });
    expect(calls.filter((view: any) => view.phase !== 'ended')).toEqual([]);
  });

  it('a ringing call is in the snapshot of a stream opened while it rings (a page reload)', async () => {
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
    });

    await stream.next(ofCall(held.callId));

    const reloaded = await openEventStream(agent.client);
    const snapshot = await reloaded.next((event) => event.type === 'snapshot');

    expect(
      snapshot.data.liveCalls.calls.find((view: any) => view.call.zoomCallId === held.callId),
    ).toMatchObject({ phase: 'ringing', screenPop: true });
    await reloaded.close();
    await hangUpSimCall(app, held.callId);
  });

  it('another agent’s stream never carries this agent’s calls', async () => {
    const other = await aConnectedAgent(app);
    const theirs = await openEventStream(other.client);
    const held = await holdSimCall(app, {
      userEmail: agent.zoomEmail,
      direction: 'inbound',
      externalNumber: '+15125550147',
    });

    await stream.next(ofCall(held.callId));
    await hangUpSimCall(app, held.callId);
    await stream.next((event) => ofCall(held.callId)(event) && event.data.phase === 'ended');

    expect(theirs.events.map((event) => event.type)).toEqual(['snapshot']);
    expect((await other.client.get('/api/live-calls')).json.calls).toEqual([]);
    await theirs.close();
  });

  it('refuses a stream without a session, as JSON', async () => {
    const anonymous = await openEventStream(app.client());

    expect(anonymous.status).toBe(401);
    await anonymous.close();
  });

  it('an event another process published (ROLE=worker beside ROLE=web) still arrives', async () => {
    // Its own signal: nothing in this process is told, so only the counter poll can find it.
    const worker = createRealtime({
      db: app.database.db,
      config: app.started.context.config,
      clock: { now: () => Date.now() },
      logger: createLogger('silent'),
    });
    const data = { call: { id: 'elsewhere', zoomCallId: 'published-by-another-process' } };

    await worker.publisher.publish(agent.userId, { type: 'call', key: 'test:elsewhere', data });

    const arrived = await stream.next(ofCall('published-by-another-process'), 3000);

    expect(arrived.data).toEqual(data);
  });
});
