// The simulator's OAuth host behaves as API.md §1 documents Zoom's: consent, PKCE, single-use
// codes, rotating single-use refresh tokens, revocation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Simulator } from '../../simulator/simulator.js';
import {
  aClock,
  apiGet,
  APP,
  authorizationCode,
  authorizeUrl,
  aUser,
  basicAuth,
  connect,
  pkcePair,
  startSimulator,
  tokenRequest,
} from './support/simulator.fixture.js';

const EMAIL = 'dana.reyes@example.com';
const INVALID_TOKEN = { reason: 'Invalid Token!', error: 'invalid_grant' };

describe('consent screen', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
    await aUser(sim, { email: EMAIL });
  });

  afterEach(() => sim.close());

  it('shows a sign-in form with Approve and Deny, escaping every echoed value', async () => {
    const response = await sim.app.inject({
      method: 'GET',
      url: authorizeUrl({ state: '"><script>alert(1)</script>' }),
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('name="email"');
    expect(response.body).toContain('value="approve"');
    expect(response.body).toContain('value="deny"');
    expect(response.body).not.toContain('<script>alert(1)');
    expect(response.body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('redirects with a code and the same state when a script approves', async () => {
    const response = await sim.app.inject({
      method: 'GET',
      url: authorizeUrl({ sim_login: EMAIL, sim_approve: '1' }),
    });
    const location = new URL(String(response.headers.location));

    expect(response.statusCode).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(APP.redirectUri);
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    expect(location.searchParams.get('state')).toBe('st_7f3c9a1e');
  });

  it('redirects with error=access_denied and the state when the user denies', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        response_type: 'code',
        client_id: APP.clientId,
        redirect_uri: APP.redirectUri,
        state: 'st_deny',
        decision: 'deny',
      }).toString(),
    });
    const location = new URL(String(response.headers.location));

    expect(response.statusCode).toBe(302);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st_deny');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('approves through the form a person submits', async () => {
    const response = await sim.app.inject({
      method: 'POST',
      url: '/oauth/authorize',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        response_type: 'code',
        client_id: APP.clientId,
        redirect_uri: APP.redirectUri,
        state: 'st_form',
        email: EMAIL,
        decision: 'approve',
      }).toString(),
    });

    expect(response.statusCode).toBe(302);
    expect(new URL(String(response.headers.location)).searchParams.get('code')).toBeTruthy();
  });

  it('shows an error and does not redirect for an email that is no simulator user', async () => {
    const response = await sim.app.inject({
      method: 'GET',
      url: authorizeUrl({ sim_login: 'nobody@example.com', sim_approve: '1' }),
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.body).toContain('No Zoom user has this email');
  });

  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }],
    ['a redirect URI off the allow list', { redirect_uri: 'https://evil.example/callback' }],
    ['a redirect URI that differs by a trailing slash', { redirect_uri: `${APP.redirectUri}/` }],
  ])('answers %s with a 400 page, never a redirect', async (_case, params) => {
    const response = await sim.app.inject({
      method: 'GET',
      url: authorizeUrl({ ...params, sim_login: EMAIL, sim_approve: '1' }),
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('accepts any redirect URI when no allow list is configured', async () => {
    sim.configure({ redirectUris: [] });

    const response = await sim.app.inject({
      method: 'GET',
      url: authorizeUrl({
        redirect_uri: 'http://localhost:5173/cb',
        sim_login: EMAIL,
        sim_approve: '1',
      }),
    });

    expect(response.statusCode).toBe(302);
    expect(String(response.headers.location)).toMatch(/^http:\/\/localhost:5173\/cb\?code=/);
  });
});

describe('token endpoint', () => {
  let sim: Simulator;
  let clock: ReturnType<typeof aClock>;

  beforeEach(async () => {
    clock = aClock();
    sim = await startSimulator({ now: clock.now });
    await aUser(sim, { email: EMAIL });
  });

  afterEach(() => sim.close());

  async function exchange(code: string, verifier: string, redirectUri = APP.redirectUri) {
    return tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
  }

  it('issues bearer tokens with the granted scopes and its own API host', async () => {
    const tokens = await connect(sim, EMAIL);

    expect(tokens.token_type).toBe('bearer');
    expect(tokens.expires_in).toBe(3599);
    expect(tokens.access_token).not.toBe(tokens.refresh_token);
    expect(tokens.scope.split(' ')).toEqual(
      expect.arrayContaining(['user:read:user', 'phone:read:user', 'phone:read:list_call_logs']),
    );
    expect(tokens.api_url).toMatch(/^http:\/\/(localhost|127\.0\.0\.1)/);
  });

  it.each([
    ['no Authorization header', ''],
    ['a wrong client secret', basicAuth(APP.clientId, 'wrong-secret')],
    ['a wrong client id', basicAuth('someone-else', APP.clientSecret)],
  ])('answers 401 invalid_client for %s', async (_case, authorization) => {
    const response = await tokenRequest(
      sim,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      authorization,
    );

    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      reason: 'Invalid client_id or client_secret',
      error: 'invalid_client',
    });
  });

  it('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const { challenge } = pkcePair();
    const code = await authorizationCode(sim, EMAIL, challenge);
    const response = await exchange(code, pkcePair().verifier);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code exchanged with no verifier when a challenge was sent', async () => {
    const { challenge } = pkcePair();
    const code = await authorizationCode(sim, EMAIL, challenge);
    const response = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP.redirectUri,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts a code once and refuses it the second time', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(sim, EMAIL, challenge);
    const first = await exchange(code, verifier);
    const second = await exchange(code, verifier);

    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(400);
    expect(second.json()).toEqual({ reason: 'Invalid authorization code', error: 'invalid_grant' });
  });

  it('refuses a code after its five minutes', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(sim, EMAIL, challenge);

    clock.advance(5 * 60_000);

    const response = await exchange(code, verifier);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code exchanged with a different redirect URI', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await authorizationCode(sim, EMAIL, challenge);
    const response = await exchange(code, verifier, 'http://127.0.0.1:4000/other');

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens: each works exactly once', async () => {
    const first = await connect(sim, EMAIL);
    const refreshed = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    const reused = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    const next = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.json().refresh_token,
    });

    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().refresh_token).not.toBe(first.refresh_token);
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toEqual(INVALID_TOKEN);
    expect(next.statusCode).toBe(200);
  });

  it('stops accepting the previous access token once a refresh issues a new one', async () => {
    const first = await connect(sim, EMAIL);
    const refreshed = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    const withOld = await apiGet(sim, '/v2/users/me', first.access_token);
    const withNew = await apiGet(sim, '/v2/users/me', refreshed.json().access_token);

    expect(withOld.statusCode).toBe(401);
    expect(withOld.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    expect(withNew.statusCode).toBe(200);
  });

  it('ends the earlier grant when the same Zoom user authorizes again', async () => {
    const earlier = await connect(sim, EMAIL);
    const later = await connect(sim, EMAIL);
    const oldRefresh = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: earlier.refresh_token,
    });

    expect((await apiGet(sim, '/v2/users/me', earlier.access_token)).statusCode).toBe(401);
    expect(oldRefresh.json()).toEqual(INVALID_TOKEN);
    expect((await apiGet(sim, '/v2/users/me', later.access_token)).statusCode).toBe(200);
  });

  it('refuses parameters sent as JSON, which real Zoom would not read', async () => {
    const tokens = await connect(sim, EMAIL);
    const response = await sim.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { authorization: basicAuth() },
      payload: { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    });
    const stillValid = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request' });
    expect(stillValid.statusCode).toBe(200);
  });

  it('refuses an unknown grant type', async () => {
    const response = await tokenRequest(sim, { grant_type: 'client_credentials' });

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      reason: 'Unsupported grant type',
      error: 'unsupported_grant_type',
    });
  });
});

describe('revocation', () => {
  let sim: Simulator;

  beforeEach(async () => {
    sim = await startSimulator();
    await aUser(sim, { email: EMAIL });
  });

  afterEach(() => sim.close());

  function revoke(token: string, authorization = basicAuth()) {
    return sim.app.inject({
      method: 'POST',
      url: '/oauth/revoke',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token }).toString(),
    });
  }

  it.each(['access_token', 'refresh_token'] as const)(
    'revoking by the %s ends both tokens of the grant',
    async (which) => {
      const tokens = await connect(sim, EMAIL);
      const response = await revoke(tokens[which]);
      const refresh = await tokenRequest(sim, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'success' });
      expect((await apiGet(sim, '/v2/users/me', tokens.access_token)).json()).toEqual({
        code: 124,
        message: 'Invalid access token.',
      });
      expect(refresh.json()).toEqual(INVALID_TOKEN);
    },
  );

  it('requires the app’s client credentials', async () => {
    const tokens = await connect(sim, EMAIL);
    const response = await revoke(tokens.access_token, basicAuth(APP.clientId, 'wrong'));

    expect(response.statusCode).toBe(401);
    expect((await apiGet(sim, '/v2/users/me', tokens.access_token)).statusCode).toBe(200);
  });
});
