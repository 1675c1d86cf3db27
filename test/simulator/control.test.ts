// The control API (/sim/*), the request log, the simulator's own log and its console page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  apiGet,
  aUser,
  connect,
  startSimulator,
  tokenRequest,
} from './support/simulator.fixture.js';

describe('simulator users', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
  });

  afterEach(() => sim.close());

  it('creates a user with Zoom-shaped ids and defaults, then updates it by email', async () => {
    const created = await sim.app.inject({
      method: 'POST',
      url: '/sim/users',
      payload: { email: 'Dana.Reyes@Example.com' },
    });
    const updated = await sim.app.inject({
      method: 'POST',
      url: '/sim/users',
      payload: { email: 'dana.reyes@example.com', phoneLicence: false, lastName: 'Reyes-Ortiz' },
    });

    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'dana.reyes@example.com',
      firstName: 'Dana',
      lastName: 'Reyes',
      phoneLicence: true,
    });
    expect(created.json().zoomUserId).toMatch(/^[\w-]{22}$/);
    expect(created.json().accountId).toMatch(/^[\w-]{22}$/);
    expect(created.json().phoneNumber).toMatch(/^\+1\d{10}$/);
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({
      zoomUserId: created.json().zoomUserId,
      lastName: 'Reyes-Ortiz',
      phoneLicence: false,
    });
  });

  it('keeps ids a test chooses', async () => {
    const user = await aUser(sim, { zoomUserId: 'zu_demo_7Qp', accountId: 'acct_demo_01' });

    expect(user).toMatchObject({ zoomUserId: 'zu_demo_7Qp', accountId: 'acct_demo_01' });
  });

  it('refuses a Zoom user id that belongs to another email', async () => {
    await aUser(sim, { email: 'dana.reyes@example.com', zoomUserId: 'zu_demo_7Qp' });

    const response = await sim.app.inject({
      method: 'POST',
      url: '/sim/users',
      payload: { email: 'sam.ortiz@example.com', zoomUserId: 'zu_demo_7Qp' },
    });

    expect(response.statusCode).toBe(409);
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }],
    ['a phone number that is not E.164', { email: 'a@example.com', phoneNumber: '512-555-0147' }],
  ])('refuses %s with a 400 that says what is wrong', async (_case, payload) => {
    const response = await sim.app.inject({ method: 'POST', url: '/sim/users', payload });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_REQUEST');
    expect(response.json().error.message).toMatch(/email|phoneNumber/);
  });
});

describe('request log', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
    await aUser(sim, { email: 'dana.reyes@example.com' });
  });

  afterEach(() => sim.close());

  it('lists Zoom-facing requests with grant types, so a test can count token calls', async () => {
    const tokens = await connect(sim, 'dana.reyes@example.com');

    await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });

    const { requests } = (await sim.app.inject({ method: 'GET', url: '/sim/requests' })).json();
    const tokenCalls = requests.filter((r: { path: string }) => r.path === '/oauth/token');

    expect(requests.some((r: { path: string }) => r.path.startsWith('/sim/'))).toBe(false);
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/oauth/authorize', status: 302 });
    expect(
      tokenCalls.map((r: { grantType: string; status: number }) => [r.grantType, r.status]),
    ).toEqual([
      ['authorization_code', 200],
      ['refresh_token', 200],
      ['refresh_token', 400],
    ]);
  });

  it('never holds a token, code or secret, not even one sent in a query string', async () => {
    const tokens = await connect(sim, 'dana.reyes@example.com');

    await apiGet(sim, `/v2/users/me?access_token=${tokens.access_token}`);
    await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });

    const log = (await sim.app.inject({ method: 'GET', url: '/sim/requests' })).body;

    expect(log).not.toContain(tokens.access_token);
    expect(log).not.toContain(tokens.refresh_token);
    expect(log).not.toContain('sim-test-client-secret');
    expect(log).not.toContain('code=');
  });

  it('starts afresh after DELETE /sim/requests', async () => {
    await apiGet(sim, '/v2/users/me');
    await sim.app.inject({ method: 'DELETE', url: '/sim/requests' });

    const { requests } = (await sim.app.inject({ method: 'GET', url: '/sim/requests' })).json();

    expect(requests).toEqual([]);
  });
});

describe('the simulator’s own log', () => {
  it('logs requests by path only, so no token or code reaches it', async () => {
    const lines: string[] = [];
    const sim = await startSimulator({ logger: { stream: { write: (line) => lines.push(line) } } });

    await aUser(sim, { email: 'dana.reyes@example.com' });

    const tokens = await connect(sim, 'dana.reyes@example.com');

    await apiGet(sim, `/v2/users/me?access_token=${tokens.access_token}`);
    await apiGet(sim, '/v2/users/me', tokens.access_token);
    await sim.close();

    const output = lines.join('');

    expect(output).toContain('/v2/users/me');
    expect(output).not.toContain(tokens.access_token);
    expect(output).not.toContain(tokens.refresh_token);
    expect(output).not.toMatch(/code=|code_challenge=|sim-test-client-secret/);
  });
});

describe('console page', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
  });

  afterEach(() => sim.close());

  it('lists the users with every value escaped and offers a call form', async () => {
    await aUser(sim, {
      email: 'dana.reyes@example.com',
      firstName: '<img src=x onerror=alert(1)>',
    });

    const response = await sim.app.inject({ method: 'GET', url: '/' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('dana.reyes@example.com');
    expect(response.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(response.body).not.toContain('<img src=x');
    expect(response.body).toContain("fetch('/sim/calls'");
  });

  it('names its fields after the POST /sim/calls body and its script parses', async () => {
    const body = (await sim.app.inject({ method: 'GET', url: '/' })).body;
    const fields = [...body.matchAll(/<(?:input|select)[^>]*\sname="(\w+)"/g)].map((m) => m[1]);
    const script = /<script>([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';

    expect(fields.sort()).toEqual(
      ['direction', 'externalName', 'externalNumber', 'outcome', 'talkSeconds', 'userEmail'].sort(),
    );
    expect(() => new Function(script)).not.toThrow();
  });

  it('tells a newcomer how to create the first user', async () => {
    const body = (await sim.app.inject({ method: 'GET', url: '/' })).body;

    expect(body).toContain('No users yet');
  });
});
