import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { openEventStream, type OpenStream } from '../support/event-stream.js';
import { everyKindOfData, type AgentData } from '../support/every-kind-of-data.js';
import { hangUpSimCall } from '../support/held-calls.js';
import { aShowing } from '../support/meetings-agent.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { routeTable } from '../support/route-table.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { useSimulatorWhisper } from '../support/voicemail-scenarios.js';

/**
 * The access-control matrix (issue 9, part 4): Alice and Bob each have data of every kind; Bob
 * tries every route with Alice's ids. Each id-taking route must answer 404, exactly as for an id
 * that does not exist (403 would confirm the id is real); lists must show none of Alice's rows;
 * and Alice's data must read the same afterwards. The matrix must name every route the app
 * serves, so a route added without an entry here fails this file.
 */

/** What Bob sends with Alice's ids, and what he must get back. */
interface Attempt {
  path: string;
  body?: unknown;
  status: number;
  code?: string;
}

type Entry =
  | { access: 'public'; why: string; anonymousStatus?: number }
  | { access: 'admin' }
  | { access: 'agent'; attempts: (alice: AgentData, bob: AgentData) => Attempt[]; late?: true };

const notFound = (path: string, body?: unknown): Attempt => ({
  path,
  body,
  status: 404,
  code: 'NOT_FOUND',
});
const ownList = (path: string): Attempt => ({ path, status: 200 });
const noSuchContact = (path: string, body: unknown): Attempt => ({
  path,
  body,
  status: 400,
  code: 'VALIDATION_FAILED',
});
const contactBody = { name: 'Taken over', phones: [] };
const activityBody = aShowing({ title: 'Taken over' });

const matrix: Record<string, Entry> = {
  'GET /healthz': { access: 'public', why: 'liveness probe' },
  'GET /readyz': { access: 'public', why: 'readiness probe' },
  // Counts only; a bearer token or a direct loopback client (metrics.route.ts, its own tests).
  'GET /metrics': { access: 'public', why: 'Prometheus scrape' },
  'GET /api/openapi.json': { access: 'public', why: 'the API description' },
  'GET /api/demo': {
    access: 'public',
    why: 'demo banner; 404 outside demo mode',
    anonymousStatus: 404,
  },
  'POST /webhooks/zoom': { access: 'public', why: 'Zoom proves itself by signature (parts 1-3)' },
  'GET /oauth/zoom/callback': { access: 'public', why: 'state bound to the session; tested below' },
  'POST /api/session': { access: 'public', why: 'sign-in', anonymousStatus: 400 },
  'DELETE /api/session': { access: 'public', why: 'sign-out is idempotent', anonymousStatus: 204 },
  'GET /api/session': { access: 'agent', attempts: () => [ownList('/api/session')] },
  'GET /api/contacts': {
    access: 'agent',
    attempts: () => [ownList('/api/contacts'), ownList('/api/contacts?q=Alice')],
  },
  'POST /api/contacts': { access: 'agent', attempts: () => [] },
  'GET /api/contacts/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/contacts/${a.contactId}`)],
  },
  'PATCH /api/contacts/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/contacts/${a.contactId}`, contactBody)],
  },
  'DELETE /api/contacts/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/contacts/${a.contactId}`)],
  },
  'GET /api/calls': {
    access: 'agent',
    attempts: (a) => [ownList('/api/calls'), ownList(`/api/calls?contactId=${a.contactId}`)],
  },
  'POST /api/calls/:id/end': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/calls/${a.ringingCallId}/end`)],
  },
  'POST /api/calls/:id/contacts': {
    access: 'agent',
    attempts: (a, b) => [
      notFound(`/api/calls/${a.ringingCallId}/contacts`, { contactId: b.contactId }),
      // His own ringing call, her contact: as if the contact did not exist.
      noSuchContact(`/api/calls/${b.ringingCallId}/contacts`, { contactId: a.contactId }),
    ],
  },
  'DELETE /api/calls/:id/callback': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/calls/${a.missedCallId}/callback`)],
  },
  'GET /api/live-calls': { access: 'agent', attempts: () => [ownList('/api/live-calls')] },
  'POST /api/dial-intents': {
    access: 'agent',
    attempts: (a) => [
      noSuchContact('/api/dial-intents', { number: '+15125550100', contactId: a.contactId }),
      // Answering her call-back item from his session closes nothing of hers.
      {
        path: '/api/dial-intents',
        body: { number: '+15125550100', callBackOf: a.missedCallId },
        status: 201,
      },
    ],
  },
  'GET /api/activities': {
    access: 'agent',
    attempts: (a) => [
      ownList('/api/activities'),
      ownList(`/api/activities?contactId=${a.contactId}`),
    ],
  },
  'POST /api/activities': {
    access: 'agent',
    attempts: (a) => [
      noSuchContact('/api/activities', aShowing({ title: 'x', contactId: a.contactId })),
    ],
  },
  'GET /api/activities/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}`)],
  },
  'PATCH /api/activities/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}`, activityBody)],
  },
  'DELETE /api/activities/:id': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}`)],
  },
  'GET /api/activities/:id/transcript': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}/transcript`)],
  },
  'POST /api/activities/:id/zoom-meeting': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}/zoom-meeting`, {})],
  },
  'GET /api/activities/:id/zoom-meeting': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}/zoom-meeting`)],
  },
  'DELETE /api/activities/:id/zoom-meeting': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}/zoom-meeting`)],
  },
  'GET /api/activities/:id/zoom-meeting/start-url': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/activities/${a.activityId}/zoom-meeting/start-url`)],
  },
  'GET /api/zoom-meetings': { access: 'agent', attempts: () => [ownList('/api/zoom-meetings')] },
  'GET /api/voicemails': {
    access: 'agent',
    attempts: (a) => [
      ownList('/api/voicemails'),
      ownList(`/api/voicemails?contactId=${a.contactId}`),
    ],
  },
  'POST /api/voicemails/:id/retry': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/voicemails/${a.voicemailId}/retry`, {})],
  },
  'GET /api/recordings': { access: 'agent', attempts: () => [ownList('/api/recordings')] },
  'GET /api/recordings/:id/audio': {
    access: 'agent',
    attempts: (a) => [notFound(`/api/recordings/${a.recordingId}/audio`)],
  },
  'GET /api/events': { access: 'agent', attempts: () => [] /* a stream: tested below */ },
  'GET /api/integrations/zoom': {
    access: 'agent',
    attempts: () => [ownList('/api/integrations/zoom')],
  },
  'POST /api/integrations/zoom/:product/connect': {
    access: 'agent',
    attempts: () => [{ path: '/api/integrations/zoom/meetings/connect', body: {}, status: 200 }],
  },
  'POST /api/integrations/zoom/phone/history-import': {
    access: 'agent',
    attempts: () => [
      { path: '/api/integrations/zoom/phone/history-import', body: {}, status: 202 },
    ],
  },
  'DELETE /api/integrations/zoom/:product': {
    access: 'agent',
    late: true,
    attempts: () => [{ path: '/api/integrations/zoom/meetings', status: 200 }],
  },
  'GET /api/privacy/zoom-data': {
    access: 'agent',
    attempts: () => [ownList('/api/privacy/zoom-data')],
  },
  'POST /api/privacy/zoom-data/delete': {
    access: 'agent',
    late: true,
    attempts: () => [{ path: '/api/privacy/zoom-data/delete', body: {}, status: 200 }],
  },
  'GET /api/privacy/audit': { access: 'agent', attempts: () => [ownList('/api/privacy/audit')] },
  'GET /api/admin/status': { access: 'admin' },
  'GET /api/admin/pilot-allowlist': { access: 'admin' },
  'POST /api/admin/pilot-allowlist': { access: 'admin' },
  'DELETE /api/admin/pilot-allowlist/:email': { access: 'admin' },
};

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const methodOf = (key: string) => key.slice(0, key.indexOf(' '));
const samplePath = (key: string) =>
  key
    .slice(key.indexOf(' ') + 1)
    .replace(':product', 'phone')
    .replace(':email', 'someone%40example.com')
    .replace(':id', 'a-made-up-id');

let app: TestApp;
let alice: ConnectedAgent;
let bob: ConnectedAgent;
let aliceData: AgentData;
let bobData: AgentData;
let bobStream: OpenStream;

/** Everything Alice can read of her own data, to compare before and after Bob's attempts. */
async function aliceView() {
  const paths = [
    '/api/contacts',
    `/api/contacts/${aliceData.contactId}`,
    '/api/calls',
    '/api/activities',
    `/api/activities/${aliceData.activityId}`,
    `/api/activities/${aliceData.activityId}/zoom-meeting`,
    `/api/activities/${aliceData.activityId}/transcript`,
    '/api/zoom-meetings',
    '/api/voicemails',
    '/api/recordings',
    '/api/live-calls',
    '/api/integrations/zoom',
  ];
  const view: Record<string, unknown> = {};

  for (const path of paths) {
    const response = await alice.client.get(path);

    view[path] = { status: response.status, body: response.json };
  }

  return view;
}

beforeAll(async () => {
  app = await startTestApp({ env: { SIGNIN_ATTEMPTS_PER_MINUTE: '100' } });
  useSimulatorWhisper(app);
  alice = await aConnectedAgent(app);
  bob = await aConnectedAgent(app);
  // Bob's stream is open while Alice's data is made, so any leak of hers would reach it.
  bobStream = await openEventStream(bob.client);
  aliceData = await everyKindOfData(app, alice, 'Alice', '+15125550147');
  bobData = await everyKindOfData(app, bob, 'Bob', '+15125550148');
}, 120_000);
afterAll(async () => {
  await bobStream?.close();
  await hangUpSimCall(app, aliceData.ringingZoomCallId).catch(() => undefined);
  await hangUpSimCall(app, bobData.ringingZoomCallId).catch(() => undefined);
  await app.close();
});

describe('the access-control matrix', () => {
  it('names every route the app serves, and no route it does not', () => {
    const served = routeTable(app.server, webDist).map((route) => `${route.method} ${route.url}`);

    expect(
      served.filter((key) => !(key in matrix)),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((key) => !served.includes(key)),
      'stale entries',
    ).toEqual([]);
  });

  it('tries every id-taking agent route with an id of the other agent', () => {
    const untried = Object.entries(matrix).filter(
      ([key, entry]) =>
        key.includes('/:id') &&
        entry.access === 'agent' &&
        !entry
          .attempts(aliceData, bobData)
          .some((attempt) => attempt.path.includes(aliceIdIn(key))),
    );

    expect(untried.map(([key]) => key)).toEqual([]);
  });

  it('Bob’s event stream never carries Alice’s events, live or replayed from the start', async () => {
    // His own ringing call reached him, so the stream works and was open throughout.
    await bobStream.next(
      (event) => event.type === 'call' && event.data.call.zoomCallId === bobData.ringingZoomCallId,
    );

    const replay = await openEventStream(bob.client, { lastEventId: 0 });

    await replay.next(
      (event) => event.type === 'call' && event.data.call.zoomCallId === bobData.ringingZoomCallId,
    );
    await replay.close();

    const received = [...bobStream.events, ...replay.events].map((event) => JSON.stringify(event));
    const leaks = received.filter((text) => aliceData.markers.some((m) => text.includes(m)));

    expect(leaks).toEqual([]);
    recordReliabilityFigure({
      area: 'Access control',
      fault: 'another agent’s event stream, live and replayed, while the first agent’s calls ring',
      tried: received.length,
      wrong: leaks.length,
      wrongMeans: 'events of the other agent',
    });
  });

  it('another agent gets 404 for every id of Alice’s, sees none of her rows, and changes nothing', async () => {
    const before = await aliceView();
    const keys = Object.keys(matrix).sort(
      (x, y) => Number(Boolean(late(x))) - Number(Boolean(late(y))),
    );
    const wrong: string[] = [];
    let tried = 0;

    for (const key of keys) {
      const entry = matrix[key];

      if (entry?.access !== 'agent') continue;

      for (const attempt of entry.attempts(aliceData, bobData)) {
        const method = methodOf(key);
        const response = await bob.client.request(
          method,
          attempt.path,
          attempt.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
        );
        const leaked = aliceData.markers.filter((marker) => response.text.includes(marker));

        tried += 1;

        if (response.status !== attempt.status || leaked.length > 0) {
          wrong.push(`${method} ${attempt.path} → ${response.status} ${leaked.join(',')}`);
        } else if (attempt.code && response.json?.error?.code !== attempt.code) {
          wrong.push(`${method} ${attempt.path} → ${response.json?.error?.code}`);
        }
      }
    }

    expect(wrong).toEqual([]);
    expect(await aliceView()).toEqual(before);
    recordReliabilityFigure({
      area: 'Access control',
      fault: 'another agent tries every route with the first agent’s ids (read, update, delete)',
      tried,
      wrong: wrong.length,
      wrongMeans: 'wrongly allowed or leaked',
    });
  });

  it('signed out, every route that is not public answers 401 UNAUTHENTICATED', async () => {
    const anonymous = app.client();
    const wrong: string[] = [];
    let tried = 0;

    for (const [key, entry] of Object.entries(matrix)) {
      const method = methodOf(key);
      const attempt = entry.access === 'agent' ? entry.attempts(aliceData, bobData)[0] : undefined;
      const path = attempt?.path ?? samplePath(key);

      if (entry.access === 'public' && entry.anonymousStatus === undefined) continue;

      const response = await anonymous.request(
        method,
        path,
        attempt?.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
      );
      const expected = entry.access === 'public' ? entry.anonymousStatus : 401;

      tried += 1;

      if (response.status !== expected) wrong.push(`${method} ${path} → ${response.status}`);
      else if (expected === 401 && response.json?.error?.code !== 'UNAUTHENTICATED') {
        wrong.push(`${method} ${path} → ${response.json?.error?.code}`);
      }
    }

    expect(wrong).toEqual([]);
    recordReliabilityFigure({
      area: 'Access control',
      fault: 'every API route without a session',
      tried,
      wrong: wrong.length,
      wrongMeans: 'answered without 401',
    });
  });

  it('an agent who is not an admin gets 403 FORBIDDEN from every admin route', async () => {
    for (const [key, entry] of Object.entries(matrix)) {
      if (entry.access !== 'admin') continue;

      const method = methodOf(key);
      const response = await bob.client.request(
        method,
        samplePath(key),
        method === 'POST' ? { email: 'someone@example.com' } : undefined,
      );

      expect(response.status, key).toBe(403);
      expect(response.json.error.code, key).toBe('FORBIDDEN');
    }
  });

  it('a consent answered with Alice’s state does not connect Bob, nor change Alice’s card', async () => {
    const aliceCards = (await alice.client.get('/api/integrations/zoom')).json;
    const start = await alice.client.post('/api/integrations/zoom/phone/connect');
    const consent = new URL(start.json.url);

    // Bob approves Alice's consent link with his own Zoom account and presents the code.
    consent.searchParams.set('sim_login', bob.zoomEmail);
    consent.searchParams.set('sim_approve', '1');

    const approval = await fetch(consent, { redirect: 'manual' });
    const callback = await bob.client.get(approval.headers.get('location') ?? '');
    const landing = new URL(callback.headers.get('location') ?? '', app.baseUrl);

    expect(landing.searchParams.get('error')).toBeTruthy();
    expect(landing.searchParams.get('connected')).toBeNull();
    expect((await alice.client.get('/api/integrations/zoom')).json).toEqual(aliceCards);
  });
});

/** Which of Alice's ids an id-taking route's attempts must carry. */
function aliceIdIn(key: string): string {
  if (key.includes('/api/contacts/')) return aliceData.contactId;
  if (key.includes('/api/activities/')) return aliceData.activityId;
  if (key.includes('/api/voicemails/')) return aliceData.voicemailId;
  if (key.includes('/api/recordings/')) return aliceData.recordingId;
  if (key.includes('/callback')) return aliceData.missedCallId;

  return aliceData.ringingCallId;
}

function late(key: string) {
  const entry = matrix[key];

  return entry?.access === 'agent' && entry.late;
}

// The matrix's own sanity: an agent's own ids work on the same routes (so a 404 above means
// "not yours", not "broken route").
describe('the same routes with the agent’s own ids', () => {
  it('Alice reads her contact, activity, transcript and voicemails', async () => {
    expect((await alice.client.get(`/api/contacts/${aliceData.contactId}`)).status).toBe(200);
    expect((await alice.client.get(`/api/activities/${aliceData.activityId}`)).status).toBe(200);

    const transcript = await alice.client.get(`/api/activities/${aliceData.activityId}/transcript`);

    expect(transcript.json.transcript).not.toBeNull();
    await waitFor(async () => {
      const { json } = await alice.client.get('/api/voicemails');

      return json.voicemails.some((item: { id: string }) => item.id === aliceData.voicemailId);
    });
  });
});
