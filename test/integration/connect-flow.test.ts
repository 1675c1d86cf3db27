import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { connectZoom, createSimUser } from '../support/zoom-flows.js';

let app: TestApp;
let seq = 0;

beforeAll(async () => {
  // More agents sign in here than the default per-minute sign-in limit lets one client.
  app = await startTestApp({ env: { SIGNIN_ATTEMPTS_PER_MINUTE: '100' } });
});
afterAll(async () => app.close());

const fresh = async (simUser: { phoneLicence?: boolean } = {}) => {
  seq += 1;
  const email = `connect${seq}@crm.example.com`;
  const zoomEmail = `connect${seq}@zoom.example.com`;
  const client = await app.createAgent(email);

  await createSimUser(app, { email: zoomEmail, phoneNumber: `+151255520${10 + seq}`, ...simUser });

  return { client, zoomEmail };
};

const storedTokens = async () =>
  app.database.db
    .selectFrom('zoom_connections')
    .select(['zoom_email', 'access_token_enc', 'refresh_token_enc', 'status'])
    .execute();

describe('connecting Zoom Phone and Zoom Meetings', () => {
  it('connects Phone with PKCE and shows the card connected with the Zoom email; Meetings stays off', async () => {
    const { client, zoomEmail } = await fresh();
    const start = await client.post('/api/integrations/zoom/phone/connect');
    const url = new URL(start.json.url);

    expect(url.origin).toBe(app.simulatorUrl);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.baseUrl}/oauth/zoom/callback`);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const landing = await connectZoom(app, client, 'phone', zoomEmail);

    expect(landing.pathname).toBe('/settings/integrations');
    expect(landing.searchParams.get('connected')).toBe('phone');

    const cards = (await client.get('/api/integrations/zoom')).json;

    expect(cards.phone).toMatchObject({ state: 'connected', zoomEmail, product: 'phone' });
    expect(cards.phone.phoneNumber).toMatch(/512/);
    expect(cards.meetings).toMatchObject({ state: 'not_connected', zoomEmail: null });

    const row = (await storedTokens()).find((r) => r.zoom_email === zoomEmail);

    expect(row?.access_token_enc).toMatch(/^[0-9a-f]{8}\./);
  });

  it('a Zoom account without a Phone licence shows that on the Phone card, and Meetings still connects', async () => {
    const { client, zoomEmail } = await fresh({ phoneLicence: false });
    const landing = await connectZoom(app, client, 'phone', zoomEmail);

    expect(landing.searchParams.get('connected')).toBe('phone');
    expect((await client.get('/api/integrations/zoom')).json.phone).toMatchObject({
      state: 'not_licensed',
      message: 'This Zoom account has no Zoom Phone licence.',
    });

    await connectZoom(app, client, 'meetings', zoomEmail);

    const cards = (await client.get('/api/integrations/zoom')).json;

    expect(cards.meetings.state).toBe('connected');
    expect(cards.phone.state).toBe('not_licensed');
  });

  it('denying consent, a missing code, a bad or replayed state each land on a retry, never a 500', async () => {
    const { client, zoomEmail } = await fresh();
    const start = await client.post('/api/integrations/zoom/phone/connect');
    const consent = new URL(start.json.url);

    consent.searchParams.set('sim_login', zoomEmail);
    consent.searchParams.set('sim_approve', '0');

    const denied = await fetch(consent, { redirect: 'manual' });
    const deniedLanding = await client.get(denied.headers.get('location') ?? '');

    expect(deniedLanding.status).toBe(302);
    expect(deniedLanding.headers.get('location')).toBe(
      '/settings/integrations?error=OAUTH_DENIED&product=phone',
    );

    const cases: [string, string][] = [
      ['/oauth/zoom/callback', 'OAUTH_STATE_INVALID'],
      ['/oauth/zoom/callback?code=abc&state=not-a-state', 'OAUTH_STATE_INVALID'],
      ['/oauth/zoom/callback?error=server_error', 'OAUTH_FAILED'],
      [`/oauth/zoom/callback?code=${'x'.repeat(5000)}`, 'OAUTH_FAILED'],
    ];

    for (const [path, code] of cases) {
      const response = await client.get(path);

      expect(response.status, path).toBe(302);
      expect(
        new URL(response.headers.get('location') ?? '', app.baseUrl).searchParams.get('error'),
      ).toBe(code);
    }

    const again = await client.post('/api/integrations/zoom/phone/connect');
    const state = new URL(again.json.url).searchParams.get('state');
    const noCode = await client.get(`/oauth/zoom/callback?state=${state}`);

    expect(noCode.headers.get('location')).toContain('error=OAUTH_FAILED');

    const replay = await client.get(`/oauth/zoom/callback?state=${state}&code=abc`);

    expect(replay.headers.get('location')).toContain('error=OAUTH_STATE_INVALID');
  });

  it('a state started in one session cannot be finished in another (login CSRF)', async () => {
    const victim = await fresh();
    const attacker = await fresh();
    const start = await attacker.client.post('/api/integrations/zoom/phone/connect');
    const consent = new URL(start.json.url);

    consent.searchParams.set('sim_login', attacker.zoomEmail);
    consent.searchParams.set('sim_approve', '1');

    const approval = await fetch(consent, { redirect: 'manual' });
    const landing = await victim.client.get(approval.headers.get('location') ?? '');

    expect(landing.headers.get('location')).toContain('error=OAUTH_STATE_INVALID');
    expect((await victim.client.get('/api/integrations/zoom')).json.phone.state).toBe(
      'not_connected',
    );
  });

  it('an email off the pilot allow list is refused with the support message and keeps no token', async () => {
    const admin = await app.createAgent(`admin${seq}@crm.example.com`, { isAdmin: true });

    expect(
      (await admin.post('/api/admin/pilot-allowlist', { email: 'Someone.Else@Example.com' }))
        .status,
    ).toBe(201);

    const { client, zoomEmail } = await fresh();
    const before = (await storedTokens()).length;
    const landing = await connectZoom(app, client, 'phone', zoomEmail);

    expect(landing.searchParams.get('error')).toBe('PILOT_NOT_APPROVED');
    expect((await storedTokens()).length).toBe(before);

    expect((await admin.post('/api/admin/pilot-allowlist', { email: zoomEmail })).status).toBe(201);
    expect((await connectZoom(app, client, 'phone', zoomEmail)).searchParams.get('connected')).toBe(
      'phone',
    );

    for (const email of ['someone.else@example.com', zoomEmail]) {
      expect(
        (await admin.delete(`/api/admin/pilot-allowlist/${encodeURIComponent(email)}`)).status,
      ).toBe(204);
    }

    expect((await admin.get('/api/admin/pilot-allowlist')).json.pilotOpen).toBe(true);
  });

  it('only admins manage the allow list', async () => {
    const { client } = await fresh();

    expect((await client.get('/api/admin/pilot-allowlist')).json.error.code).toBe('FORBIDDEN');
    expect(
      (await client.post('/api/admin/pilot-allowlist', { email: 'x@example.com' })).status,
    ).toBe(403);
  });

  it('a second 1Thing user approving the same Zoom account ends the first connection, and the first agent is told why', async () => {
    const first = await fresh();
    const second = await app.createAgent(`takeover${seq}@crm.example.com`);

    await connectZoom(app, first.client, 'phone', first.zoomEmail);
    await connectZoom(app, second, 'phone', first.zoomEmail);

    const firstCard = (await first.client.get('/api/integrations/zoom')).json.phone;
    const secondCard = (await second.get('/api/integrations/zoom')).json.phone;

    expect(secondCard).toMatchObject({ state: 'connected', zoomEmail: first.zoomEmail });
    expect(firstCard.state).toBe('needs_reconnect');
    expect(firstCard.message).toBe(
      'Another 1Thing user connected this Zoom account, so this connection ended. Reconnect to take it back, or ask your broker.',
    );
  });

  it('disconnecting the only card revokes at Zoom and deletes the tokens; CRM data stays', async () => {
    const { client, zoomEmail } = await fresh();

    await connectZoom(app, client, 'phone', zoomEmail);
    await client.post('/api/contacts', {
      name: 'Kept Contact',
      phones: [{ label: 'mobile', number: '+15125550123' }],
    });
    await fetch(`${app.simulatorUrl}/sim/requests`, { method: 'DELETE' });

    const cards = await client.delete('/api/integrations/zoom/phone');

    expect(cards.json.phone.state).toBe('not_connected');

    const requests = (await (await fetch(`${app.simulatorUrl}/sim/requests`)).json()).requests;

    expect(requests.filter((r: { path: string }) => r.path === '/oauth/revoke')).toHaveLength(1);

    const row = (await storedTokens()).find((r) => r.zoom_email === zoomEmail);

    expect(row).toMatchObject({
      access_token_enc: null,
      refresh_token_enc: null,
      status: 'revoked',
    });
    expect(
      (await client.get('/api/contacts')).json.contacts.map((c: { name: string }) => c.name),
    ).toContain('Kept Contact');
  });

  it('disconnecting one card keeps the token while the other card is on', async () => {
    const { client, zoomEmail } = await fresh();

    await connectZoom(app, client, 'phone', zoomEmail);
    await connectZoom(app, client, 'meetings', zoomEmail);

    const cards = (await client.delete('/api/integrations/zoom/meetings')).json;

    expect(cards).toMatchObject({
      meetings: { state: 'not_connected' },
      phone: { state: 'connected' },
    });
    expect(
      (await storedTokens()).find((r) => r.zoom_email === zoomEmail)?.access_token_enc,
    ).not.toBeNull();
  });
});
