import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { placeSimCall } from '../support/zoom-flows.js';

let app: TestApp;
let alice: ConnectedAgent;
let bob: ConnectedAgent;
let aliceContact: { id: string };

beforeAll(async () => {
  app = await startTestApp();
  alice = await aConnectedAgent(app);
  bob = await aConnectedAgent(app);
  aliceContact = await addContact(alice.client, 'Alice’s buyer', ['+15125550147']);
  // Bob has a contact with the same number: Alice's call must never land on it.
  await addContact(bob.client, 'Bob’s seller', ['+15125550147']);

  const { callId } = await placeSimCall(app, {
    userEmail: alice.zoomEmail,
    direction: 'inbound',
    externalNumber: '+15125550147',
    outcome: 'answered',
  });

  await waitFor(async () => {
    const calls = (await alice.client.get('/api/calls')).json.calls;

    return calls.some(
      (c: { zoomCallId: string; status: string }) =>
        c.zoomCallId === callId && c.status === 'ended',
    );
  });
});
afterAll(async () => app.close());

describe('every query is scoped to the signed-in agent', () => {
  it('another agent gets 404 for Alice’s contact, whatever the verb, and changes nothing', async () => {
    const path = `/api/contacts/${aliceContact.id}`;

    expect((await bob.client.get(path)).status).toBe(404);
    expect((await bob.client.patch(path, { name: 'Hijacked', phones: [] })).status).toBe(404);
    expect((await bob.client.delete(path)).status).toBe(404);

    const mine = await alice.client.get(path);

    expect(mine.json.contact.name).toBe('Alice’s buyer');
  });

  it('another agent sees none of Alice’s calls, even filtering by her contact id', async () => {
    const bobCalls = (await bob.client.get('/api/calls')).json.calls;
    const byHerContact = (await bob.client.get(`/api/calls?contactId=${aliceContact.id}`)).json
      .calls;

    expect(bobCalls).toEqual([]);
    expect(byHerContact).toEqual([]);
    expect(
      (await bob.client.get('/api/contacts')).json.contacts.map((c: { name: string }) => c.name),
    ).toEqual(['Bob’s seller']);
  });

  it('signed-out requests get 401 UNAUTHENTICATED on every API route', async () => {
    const anonymous = app.client();
    const routes: [string, string][] = [
      ['GET', '/api/session'],
      ['GET', '/api/contacts'],
      ['POST', '/api/contacts'],
      ['GET', `/api/contacts/${aliceContact.id}`],
      ['PATCH', `/api/contacts/${aliceContact.id}`],
      ['DELETE', `/api/contacts/${aliceContact.id}`],
      ['GET', '/api/calls'],
      ['GET', '/api/integrations/zoom'],
      ['POST', '/api/integrations/zoom/phone/connect'],
      ['DELETE', '/api/integrations/zoom/phone'],
      ['GET', '/api/admin/status'],
      ['GET', '/api/admin/pilot-allowlist'],
    ];

    for (const [method, path] of routes) {
      const response = await anonymous.request(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );

      expect(response.status, `${method} ${path}`).toBe(401);
      expect(response.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a cookie-authenticated write from another site is refused (CSRF)', async () => {
    const response = await alice.client.request(
      'POST',
      '/api/contacts',
      { name: 'x' },
      { origin: 'https://evil.example' },
    );

    expect(response.status).toBe(403);
    expect(response.json.error.code).toBe('CSRF_REJECTED');

    const crossSite = await alice.client.request(
      'DELETE',
      `/api/contacts/${aliceContact.id}`,
      undefined,
      {
        'sec-fetch-site': 'cross-site',
      },
    );

    expect(crossSite.status).toBe(403);
    expect((await alice.client.get(`/api/contacts/${aliceContact.id}`)).status).toBe(200);
  });

  it('signing out ends the session: the old cookie no longer works', async () => {
    const carol = await app.createAgent('carol@crm.example.com');
    const cookie = carol.cookie('sid');

    expect((await carol.delete('/api/session')).status).toBe(204);

    const replay = await fetch(`${app.baseUrl}/api/contacts`, {
      headers: { cookie: `sid=${cookie}` },
    });

    expect(replay.status).toBe(401);
  });

  it('a wrong password and an unknown email get the same answer', async () => {
    await app.createAgent('dave@crm.example.com');

    const wrong = await app
      .client()
      .post('/api/session', { email: 'dave@crm.example.com', password: 'nope' });
    const unknown = await app
      .client()
      .post('/api/session', { email: 'nobody@example.com', password: 'nope' });

    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('sign-in is rate limited per client, and a forged X-Forwarded-For does not reset it', async () => {
    const statuses: number[] = [];

    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await app.client().request(
        'POST',
        '/api/session',
        { email: 'dave@crm.example.com', password: 'guess' },
        {
          'x-forwarded-for': `10.9.${attempt}.1`,
        },
      );

      statuses.push(response.status);
    }

    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(429);
  });

  it('bad input gets a JSON error naming the problem', async () => {
    const noName = await alice.client.post('/api/contacts', { phones: [] });
    const badPhone = await alice.client.post('/api/contacts', {
      name: 'X',
      phones: [{ number: 'call me maybe' }],
    });
    const badJson = await alice.client.request('POST', '/api/contacts', undefined, {
      'content-type': 'application/json',
    });

    expect(noName.json.error.code).toBe('VALIDATION_FAILED');
    expect(noName.json.error.message).toMatch(/^name:/);
    expect(badPhone.json.error).toMatchObject({ code: 'INVALID_PHONE_NUMBER' });
    expect(badPhone.json.error.message).toContain('call me maybe');
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.code).toBe('INVALID_JSON');
  });
});
