// REST under /v2 as API.md documents Zoom's: Bearer tokens only, `me` only, Zoom's error codes,
// a tracking id on every response, and scripted 429/5xx faults.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aClock,
  apiGet,
  aUser,
  connect,
  startSimulator,
  type SimUserView,
  tokenRequest,
} from './support/simulator.fixture.js';

const EMAIL = 'dana.reyes@example.com';

describe('REST API authentication', () => {
  let sim: Simulator;
  let clock: ReturnType<typeof aClock>;
  let token: string;

  beforeEach(async () => {
    clock = aClock();
    sim = await startSimulator({ now: clock.now });
    await aUser(sim, { email: EMAIL });
    token = (await connect(sim, EMAIL)).access_token;
  });

  afterEach(() => sim.close());

  it('puts an x-zm-trackingid header on successes and failures alike', async () => {
    const ok = await apiGet(sim, '/v2/users/me', token);
    const refused = await apiGet(sim, '/v2/users/me');

    expect(ok.headers['x-zm-trackingid']).toMatch(/\S{10,}/);
    expect(refused.headers['x-zm-trackingid']).toMatch(/\S{10,}/);
    expect(ok.headers['x-zm-trackingid']).not.toBe(refused.headers['x-zm-trackingid']);
  });

  it('answers 401 / 124 without a Bearer token', async () => {
    const response = await apiGet(sim, '/v2/users/me');

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 124, message: 'Invalid access token.' });
  });

  it('refuses a token passed in the query string, even a valid one', async () => {
    const response = await apiGet(sim, `/v2/users/me?access_token=${token}`);

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 124 });
    expect(response.json().message).toMatch(/query parameter/);
  });

  it('answers a user id other than me like a bad token, as for user-level apps', async () => {
    const me = (await apiGet(sim, '/v2/users/me', token)).json();
    const byId = await apiGet(sim, `/v2/users/${me.id}`, token);
    const phoneById = await apiGet(sim, `/v2/phone/users/${me.id}/call_history`, token);

    expect(byId.statusCode).toBe(401);
    expect(byId.json()).toMatchObject({ code: 124 });
    expect(phoneById.statusCode).toBe(401);
  });

  it('says the token is expired once its hour is over', async () => {
    clock.advance(3599 * 1000);

    const response = await apiGet(sim, '/v2/users/me', token);

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('expires the user’s token on request through POST /sim/tokens/expire', async () => {
    const expire = await sim.app.inject({
      method: 'POST',
      url: '/sim/tokens/expire',
      payload: { email: EMAIL },
    });
    const response = await apiGet(sim, '/v2/phone/users/me', token);

    expect(expire.statusCode).toBe(200);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('answers 400 / 4711 when the grant lacks the endpoint’s scope', async () => {
    sim.configure({ scopes: ['user:read:user'] });

    const narrow = (await connect(sim, EMAIL)).access_token;
    const response = await apiGet(sim, '/v2/phone/users/me', narrow);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 4711,
      message:
        'Invalid access token, does not contain scopes:[phone:read:user, phone:read:user:admin].',
    });
  });
});

describe('users and phone users', () => {
  let sim: Simulator;
  let agent: SimUserView;

  beforeEach(async () => {
    sim = await startSimulator();
    agent = await aUser(sim, {
      email: EMAIL,
      firstName: 'Dana',
      lastName: 'Reyes',
      phoneNumber: '+12065550110',
      extensionNumber: 2201,
      timezone: 'America/Vancouver',
    });
  });

  afterEach(() => sim.close());

  it('returns the signed-in user from GET /users/me', async () => {
    const token = (await connect(sim, EMAIL)).access_token;
    const body = (await apiGet(sim, '/v2/users/me', token)).json();

    expect(body).toMatchObject({
      id: agent.zoomUserId,
      account_id: agent.accountId,
      email: EMAIL,
      first_name: 'Dana',
      last_name: 'Reyes',
      display_name: 'Dana Reyes',
      timezone: 'America/Vancouver',
      type: 2,
      status: 'active',
    });
  });

  it('returns the Zoom Phone profile with the user’s number and extension', async () => {
    const token = (await connect(sim, EMAIL)).access_token;
    const body = (await apiGet(sim, '/v2/phone/users/me', token)).json();

    expect(body).toMatchObject({
      id: agent.zoomUserId,
      email: EMAIL,
      extension_number: 2201,
      phone_numbers: [{ number: '+12065550110' }],
      status: 'activate',
    });
    expect(body.phone_user_id).toMatch(/^[\w-]{22}$/);
  });

  it('answers 403 / 2031 on every Phone endpoint for a user without a Phone licence', async () => {
    await aUser(sim, { email: EMAIL, phoneLicence: false });

    const token = (await connect(sim, EMAIL)).access_token;
    const profile = await apiGet(sim, '/v2/phone/users/me', token);
    const history = await apiGet(sim, '/v2/phone/users/me/call_history', token);
    const meetingsSide = await apiGet(sim, '/v2/users/me', token);
    const expected = { code: 2031, message: 'Zoom Phone has not been enabled for this account.' };

    expect(profile.statusCode).toBe(403);
    expect(profile.json()).toEqual(expected);
    expect(history.statusCode).toBe(403);
    expect(history.json()).toEqual(expected);
    expect(meetingsSide.statusCode).toBe(200);
  });
});

describe('scripted faults', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
    await aUser(sim, { email: EMAIL });
  });

  afterEach(() => sim.close());

  it('answers the next matching requests with the scripted status, then recovers', async () => {
    const token = (await connect(sim, EMAIL)).access_token;

    await sim.app.inject({
      method: 'POST',
      url: '/sim/faults',
      payload: { method: 'GET', path: '/v2/users/me', status: 429, times: 2, retryAfter: 1 },
    });

    const statuses = [];
    const first = await apiGet(sim, '/v2/users/me', token);

    statuses.push(first.statusCode);
    statuses.push((await apiGet(sim, '/v2/users/me', token)).statusCode);
    statuses.push((await apiGet(sim, '/v2/users/me', token)).statusCode);

    expect(statuses).toEqual([429, 429, 200]);
    expect(first.headers['retry-after']).toBe('1');
    expect(first.json()).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
  });

  it('fails the token endpoint without spending the refresh token', async () => {
    const tokens = await connect(sim, EMAIL);

    await sim.app.inject({
      method: 'POST',
      url: '/sim/faults',
      payload: { method: 'POST', path: '/oauth/token', status: 503, body: { oops: true } },
    });

    const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
    const failed = await tokenRequest(sim, form);
    const retried = await tokenRequest(sim, form);

    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toEqual({ oops: true });
    expect(retried.statusCode).toBe(200);
  });

  it('clears every fault on DELETE /sim/faults', async () => {
    const token = (await connect(sim, EMAIL)).access_token;

    await sim.app.inject({
      method: 'POST',
      url: '/sim/faults',
      payload: { method: 'GET', path: '/v2/users/me', status: 500, times: 5 },
    });
    await sim.app.inject({ method: 'DELETE', url: '/sim/faults' });

    expect((await apiGet(sim, '/v2/users/me', token)).statusCode).toBe(200);
  });
});
