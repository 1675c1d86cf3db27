// Builders for simulator tests: a fresh simulator, users, a connected OAuth grant, calls.
// Every test gets its own simulator, so no state leaks between tests.
import { createHash, randomBytes } from 'node:crypto';

import type { LightMyRequestResponse } from 'fastify';

import {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../../simulator/simulator.js';

export const APP = {
  clientId: 'sim-test-client',
  clientSecret: 'sim-test-client-secret',
  webhookSecretToken: 's3cr3t-demo-token',
  redirectUri: 'http://127.0.0.1:4000/oauth/zoom/callback',
};

export async function startSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return createSimulator({
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    webhookSecretToken: APP.webhookSecretToken,
    redirectUris: [APP.redirectUri],
    webhookRetryDelaysMs: [50, 100, 150],
    webhookTimeoutMs: 500,
    ...options,
  });
}

/** A clock a test moves by hand; hand `now` to the simulator. */
export function aClock(startMs = Date.parse('2026-11-03T15:00:00Z')) {
  let current = startMs;

  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

export function basicAuth(clientId = APP.clientId, secret = APP.clientSecret): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  return { verifier, challenge };
}

export interface UserOverrides {
  email?: string;
  zoomUserId?: string;
  accountId?: string;
  firstName?: string;
  lastName?: string;
  phoneNumber?: string;
  extensionNumber?: number;
  phoneLicence?: boolean;
  timezone?: string;
}

export interface SimUserView {
  email: string;
  zoomUserId: string;
  accountId: string;
  firstName: string;
  lastName: string;
  phoneNumber: string;
  extensionNumber: number;
  phoneLicence: boolean;
}

export async function aUser(sim: Simulator, overrides: UserOverrides = {}): Promise<SimUserView> {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/sim/users',
    payload: { email: 'dana.reyes@example.com', ...overrides },
  });

  if (response.statusCode >= 300) {
    throw new Error(`POST /sim/users answered ${response.statusCode}: ${response.body}`);
  }

  return response.json();
}

export function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: APP.clientId,
    redirect_uri: APP.redirectUri,
    state: 'st_7f3c9a1e',
    ...params,
  });

  return `/oauth/authorize?${query.toString()}`;
}

/** Approves the consent screen non-interactively and returns the code from the redirect. */
export async function authorizationCode(sim: Simulator, email: string, challenge: string) {
  const response = await sim.app.inject({
    method: 'GET',
    url: authorizeUrl({
      code_challenge: challenge,
      code_challenge_method: 'S256',
      sim_login: email,
      sim_approve: '1',
    }),
  });
  const location = new URL(String(response.headers.location));
  const code = location.searchParams.get('code');

  if (response.statusCode !== 302 || !code) {
    throw new Error(`authorize answered ${response.statusCode}: ${response.body}`);
  }

  return code;
}

export function tokenRequest(
  sim: Simulator,
  form: Record<string, string>,
  authorization = basicAuth(),
): Promise<LightMyRequestResponse> {
  return sim.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
}

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  api_url: string;
}

/** Runs the whole consent + PKCE code exchange for a user and returns their tokens. */
export async function connect(sim: Simulator, email: string): Promise<TokenSet> {
  const { verifier, challenge } = pkcePair();
  const code = await authorizationCode(sim, email, challenge);
  const response = await tokenRequest(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: APP.redirectUri,
    code_verifier: verifier,
  });

  if (response.statusCode !== 200) {
    throw new Error(`token exchange answered ${response.statusCode}: ${response.body}`);
  }

  return response.json();
}

export function apiGet(sim: Simulator, url: string, accessToken?: string) {
  return sim.app.inject({
    method: 'GET',
    url,
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  });
}

export interface CallBody {
  userEmail?: string;
  zoomUserId?: string;
  direction: 'inbound' | 'outbound';
  externalNumber?: string;
  externalName?: string;
  outcome: 'answered' | 'missed' | 'rejected' | 'voicemail';
  talkSeconds?: number;
  ringSeconds?: number;
  sequence?: string[];
}

export async function aCall(
  sim: Simulator,
  body: Partial<CallBody> = {},
): Promise<{ callId: string; events: string[] }> {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/sim/calls',
    payload: {
      userEmail: 'dana.reyes@example.com',
      direction: 'inbound',
      externalNumber: '+15125550147',
      outcome: 'answered',
      ...body,
    },
  });

  if (response.statusCode !== 202) {
    throw new Error(`POST /sim/calls answered ${response.statusCode}: ${response.body}`);
  }

  return response.json();
}

/** Waits until every queued webhook is delivered or given up. */
export async function deliveriesSettled(sim: Simulator) {
  const response = await sim.app.inject({ method: 'GET', url: '/sim/deliveries/idle' });

  return response.json() as {
    deliveries: Array<{
      event: string;
      callId: string | null;
      attempt: number;
      status: number | null;
      error: string | null;
      delivered: boolean;
    }>;
  };
}
