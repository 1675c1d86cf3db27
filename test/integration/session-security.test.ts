import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { routeTable } from '../support/route-table.js';
import { startTestApp, testPassword, type TestApp } from '../support/test-app.js';
import { openEventStream } from '../support/event-stream.js';
import type { TestClient } from '../support/http-client.js';

/**
 * The session itself (issue 9, part 4): writes from other sites, a session id planted before
 * sign-in, sign-out, guessing passwords, and the headers every answer carries.
 */
// The default limit; the sign-ins of the tests before the last one count against it too.
const signInLimit = 10;
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

let app: TestApp;
let agent: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  agent = await app.createAgent('erin@crm.example.com');
});
afterAll(async () => app.close());

const sid = (client: TestClient) => client.cookie('sid') ?? '';

async function withCookie(path: string, sessionId: string) {
  return fetch(`${app.baseUrl}${path}`, { headers: { cookie: `sid=${sessionId}` } });
}

async function contactCount() {
  return (await agent.get('/api/contacts')).json.contacts.length as number;
}

describe('cross-site request forgery', () => {
  it('every cookie-authenticated write from another site is refused before it runs', async () => {
    const writes = routeTable(app.server, webDist).filter(
      (route) => route.method !== 'GET' && route.url !== '/webhooks/zoom',
    );
    const foreign: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      // A sandboxed frame or a data: page sends the opaque origin.
      { origin: 'null' },
      { origin: `http://127.0.0.1:1@evil.example` },
      { 'sec-fetch-site': 'cross-site' },
      // A sibling subdomain is same-site but not same-origin.
      { 'sec-fetch-site': 'same-site' },
    ];
    const before = await contactCount();
    const wrong: string[] = [];

    for (const route of writes) {
      const path = route.url.replace(':product', 'phone').replace(/:\w+/g, 'some-id');

      for (const headers of foreign) {
        const response = await agent.request(route.method, path, { name: 'Forged' }, headers);

        if (response.status !== 403 || response.json?.error?.code !== 'CSRF_REJECTED') {
          wrong.push(`${route.method} ${path} ${JSON.stringify(headers)} → ${response.status}`);
        }
      }
    }

    expect(writes.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
    expect(await contactCount()).toBe(before);
    // The session survived all of it: the guard refused, it did not sign the agent out.
    expect((await agent.get('/api/session')).status).toBe(200);
    recordReliabilityFigure({
      area: 'Access control',
      fault: 'every cookie-authenticated write with a foreign Origin or Sec-Fetch-Site',
      tried: writes.length * foreign.length,
      wrong: wrong.length,
      wrongMeans: 'accepted',
    });
  });

  it('the same write from the app’s own origin goes through', async () => {
    const response = await agent.request(
      'POST',
      '/api/contacts',
      { name: 'Own origin', phones: [] },
      { origin: app.baseUrl, 'sec-fetch-site': 'same-origin' },
    );

    expect(response.status).toBe(201);
  });

  it('the session cookie is HttpOnly and SameSite=Lax, so other sites’ posts do not carry it', async () => {
    const response = await fetch(`${app.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'erin@crm.example.com', password: testPassword }),
    });
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('sid='));

    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
  });
});

describe('session fixation and sign-out', () => {
  it('a session id planted before sign-in is not the one the agent gets, and is worthless after', async () => {
    const planted = 'planted-by-someone-else-0123456789';
    const response = await fetch(`${app.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `sid=${planted}` },
      body: JSON.stringify({ email: 'erin@crm.example.com', password: testPassword }),
    });
    const issued = /^sid=([^;]*)/.exec(
      response.headers.getSetCookie().find((line) => line.startsWith('sid=')) ?? '',
    )?.[1];

    expect(response.status).toBe(200);
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(planted);
    expect((await withCookie('/api/session', planted)).status).toBe(401);
    expect((await withCookie('/api/session', issued ?? '')).status).toBe(200);
  });

  it('signing in over someone’s live session ends that session instead of sharing it', async () => {
    const mallory = await app.createAgent('mallory@crm.example.com');
    const hers = sid(mallory);
    // Mallory's own session id, planted in Erin's browser; Erin then signs in.
    const response = await fetch(`${app.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `sid=${hers}` },
      body: JSON.stringify({ email: 'erin@crm.example.com', password: testPassword }),
    });
    const session = await (await withCookie('/api/session', hers)).json();

    expect(response.status).toBe(200);
    expect(session.error?.code).toBe('UNAUTHENTICATED');
  });

  it('sign-out ends the session on the server: the old cookie gets 401 everywhere', async () => {
    const frank = await app.createAgent('frank@crm.example.com');
    const old = sid(frank);

    expect((await frank.delete('/api/session')).status).toBe(204);

    for (const path of ['/api/session', '/api/contacts', '/api/calls', '/api/events']) {
      expect((await withCookie(path, old)).status, path).toBe(401);
    }
  });
});

describe('an event stream at sign-out', () => {
  // The hub looks at the sessions behind its streams at every keep-alive (20 s): a tab left
  // open after signing out elsewhere stops receiving the agent's calls by then.
  it('is closed by the server once its session has ended', async () => {
    const grace = await app.createAgent('grace@crm.example.com');
    const stream = await openEventStream(grace);

    expect(stream.status).toBe(200);
    expect((await grace.delete('/api/session')).status).toBe(204);
    await expect(stream.next(() => false, 30_000)).rejects.toThrow(/stream ended/);
    await stream.close();
  }, 40_000);
});

describe('security headers', () => {
  const cspOf = (header: string | null) =>
    new Map(
      (header ?? '')
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name = '', ...sources]) => [name, sources]),
    );

  it('HTML and API answers carry helmet’s headers and a strict CSP', async () => {
    for (const path of ['/contacts', '/api/session', '/api/contacts']) {
      const response = await withCookie(path, sid(agent));
      const csp = cspOf(response.headers.get('content-security-policy'));

      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src-attr'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'self'"]);
      expect(csp.get('form-action'), path).toEqual(["'self'"]);
      expect(csp.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp.get('img-src'), path).toEqual(["'self'", 'data:']);
      expect(csp.get('font-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'"]);

      // No directive may open up scripts or sources wholesale.
      for (const [name, sources] of csp) {
        for (const source of sources) {
          expect(
            ["'unsafe-inline'", "'unsafe-eval'", '*', 'http:', 'https:'].includes(source),
            `${path} ${name} ${source}`,
          ).toBe(false);
        }
      }

      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe(
        'same-origin-allow-popups',
      );
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      // Plain http (this test, the demo): HSTS would pin a scheme the site does not serve.
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});

// Last: once the limit is reached, nobody on this address can sign in for a minute.
describe('sign-in rate limit', () => {
  it('after the per-minute limit every guess is refused with 429, the right password too', async () => {
    const guesses = 40;
    const statuses: number[] = [];

    for (let attempt = 0; attempt < guesses; attempt += 1) {
      const response = await app
        .client()
        .post('/api/session', { email: 'erin@crm.example.com', password: `guess-${attempt}` });

      statuses.push(response.status);
    }

    const right = await app
      .client()
      .post('/api/session', { email: 'erin@crm.example.com', password: testPassword });
    const firstRefusal = statuses.indexOf(429);
    const checkedBeyondLimit = statuses.slice(firstRefusal).filter((status) => status !== 429);

    // Some guesses were checked (401) before the limit, none after it.
    expect(statuses[0]).toBe(401);
    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(signInLimit);
    expect(checkedBeyondLimit).toEqual([]);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
    recordReliabilityFigure({
      area: 'Access control',
      fault: `password guesses past the sign-in limit (${signInLimit} a minute)`,
      tried: guesses - firstRefusal + 1,
      wrong: checkedBeyondLimit.length + (right.status === 429 ? 0 : 1),
      wrongMeans: 'checked instead of refused',
    });
  });
});
