import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findConnectionByUser } from '../../src/integrations/zoom/connections.repo.js';
import { createZoomAccess } from '../../src/integrations/zoom/zoom-access.js';
import { getPhoneUser } from '../../src/zoom/phone.api.js';
import { getCurrentUser } from '../../src/zoom/users.api.js';
import { ZoomError } from '../../src/zoom/zoom-error.js';
import { addContact, aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

const simRequests = async () =>
  (await (await fetch(`${app.simulatorUrl}/sim/requests`)).json()).requests as {
    method: string;
    path: string;
    grantType?: string;
    status: number;
  }[];
const refreshRequests = async () =>
  (await simRequests()).filter((r) => r.path === '/oauth/token' && r.grantType === 'refresh_token');

/** Makes the stored access token look expired to us and to Zoom. */
async function expireAccessToken(agent: ConnectedAgent) {
  await app.database.db
    .updateTable('zoom_connections')
    .set({ access_expires_at: Date.now() - 1000 })
    .where('user_id', '=', agent.userId)
    .execute();
  await fetch(`${app.simulatorUrl}/sim/tokens/expire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: agent.zoomEmail }),
  });
}

const connection = async (agent: ConnectedAgent) => {
  const row = await findConnectionByUser(app.database.db, agent.userId);

  if (!row) throw new Error('no connection');

  return row;
};
const context = () => app.started.context;

describe('refreshing Zoom tokens', () => {
  let agent: ConnectedAgent;

  beforeEach(async () => {
    agent = await aConnectedAgent(app);
    await fetch(`${app.simulatorUrl}/sim/requests`, { method: 'DELETE' });
  });

  it('field report 1: two calls at once with an expired token make exactly one refresh, and both succeed', async () => {
    const before = await connection(agent);
    const oldRefresh = context().cipher.open(before.refresh_token_enc ?? '');

    await expireAccessToken(agent);

    const [me, phone] = await Promise.all([
      context().zoomAccess.call(before.id, (token) => getCurrentUser(context().zoom, token)),
      context().zoomAccess.call(before.id, (token) => getPhoneUser(context().zoom, token)),
    ]);

    expect(me.email).toBe(agent.zoomEmail);
    expect(phone.id).toBe(agent.zoomUserId);
    expect(await refreshRequests()).toHaveLength(1);

    const after = await connection(agent);

    expect(after.status).toBe('connected');
    expect(after.token_version).toBe(before.token_version + 1);
    expect(context().cipher.open(after.refresh_token_enc ?? '')).not.toBe(oldRefresh);
    expect(after.access_expires_at).toBeGreaterThan(Date.now() + 50 * 60_000);

    const apiCalls = (await simRequests()).filter((r) => r.path.startsWith('/v2/'));

    expect(apiCalls.every((r) => r.status === 200)).toBe(true);
  });

  it('field report 1: two separate processes sharing the database refresh exactly once', async () => {
    const row = await connection(agent);

    await expireAccessToken(agent);

    const child = fileURLToPath(new URL('../support/refresh-child.ts', import.meta.url));
    const startAt = Date.now() + 1500;
    const run = () =>
      new Promise<{ ok: boolean; zoomUserId?: string; error?: string }>((resolve, reject) => {
        const processHandle = spawn(process.execPath, ['--import', 'tsx', child], {
          env: {
            ...process.env,
            ...app.env,
            CONNECTION_ID: row.id,
            START_AT: String(startAt),
            LOG_LEVEL: 'silent',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let output = '';

        processHandle.stdout.on('data', (chunk) => (output += chunk));
        processHandle.on('error', reject);
        processHandle.on('exit', () =>
          resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}')),
        );
      });
    const results = await Promise.all([run(), run()]);

    expect(results).toEqual([
      { ok: true, zoomUserId: agent.zoomUserId },
      { ok: true, zoomUserId: agent.zoomUserId },
    ]);
    expect(await refreshRequests()).toHaveLength(1);
    expect((await connection(agent)).status).toBe('connected');
  }, 60_000);

  it('field report 2: a token replaced by another worker is re-read from the store, with no new refresh', async () => {
    const row = await connection(agent);
    const { cipher, zoom, logger } = context();
    const otherWorker = createZoomAccess({ db: app.database.db, cipher, zoom, logger });
    let firstAttempt = true;

    const user = await context().zoomAccess.call(row.id, async (token) => {
      if (firstAttempt) {
        firstAttempt = false;
        // Worker B refreshes while A holds the old token; Zoom now rejects A's token.
        await app.database.db
          .updateTable('zoom_connections')
          .set({ access_expires_at: Date.now() })
          .where('id', '=', row.id)
          .execute();
        await otherWorker.accessToken(row.id);
      }

      return getCurrentUser(context().zoom, token);
    });

    expect(user.id).toBe(agent.zoomUserId);
    expect(await refreshRequests()).toHaveLength(1);

    const rejected = (await simRequests()).filter(
      (r) => r.path === '/v2/users/me' && r.status === 401,
    );

    expect(rejected).toHaveLength(1);
  });

  it('a refresh Zoom rejects because the agent connected again meanwhile keeps the new authorization', async () => {
    const row = await connection(agent);
    const { cipher, zoom, logger } = context();
    // Zoom's token endpoint as it looks from a refresh that lost to a new consent: while the
    // refresh is on its way, the agent approves again (new tokens stored, version moved on),
    // and Zoom then refuses the old refresh token.
    const reconnectedToken = `reconnected-${row.id}`;
    const oauth = createServer((_request, response) => {
      void app.database.db
        .updateTable('zoom_connections')
        .set({
          access_token_enc: cipher.seal(reconnectedToken),
          refresh_token_enc: cipher.seal(`reconnected-refresh-${row.id}`),
          access_expires_at: Date.now() + 3_600_000,
          token_version: row.token_version + 1,
        })
        .where('id', '=', row.id)
        .execute()
        .then(() => {
          response.writeHead(400, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ reason: 'Invalid Token!', error: 'invalid_grant' }));
        });
    });

    await new Promise<void>((resolve) => oauth.listen(0, '127.0.0.1', resolve));

    const address = oauth.address() as AddressInfo;
    const slowWorker = createZoomAccess({
      db: app.database.db,
      cipher,
      zoom: { ...zoom, oauthUrl: `http://127.0.0.1:${address.port}` },
      logger,
    });

    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1000 })
      .where('id', '=', row.id)
      .execute();

    try {
      const { token } = await slowWorker.accessToken(row.id);

      expect(token).toBe(reconnectedToken);
    } finally {
      oauth.close();
    }

    const after = await connection(agent);

    expect(after.status).toBe('connected');
    expect(cipher.open(after.access_token_enc ?? '')).toBe(reconnectedToken);
  });

  it('a refresh token Zoom no longer accepts marks the connection "Reconnect needed" and clears the tokens; others are untouched', async () => {
    const bystander = await aConnectedAgent(app);

    await addContact(agent.client, 'Still here', ['+15125550123']);

    const row = await connection(agent);

    await app.database.db
      .updateTable('zoom_connections')
      .set({
        refresh_token_enc: context().cipher.seal('RT-revoked-elsewhere'),
        access_expires_at: Date.now() - 1,
      })
      .where('id', '=', row.id)
      .execute();

    const failure = await context()
      .zoomAccess.call(row.id, (token) => getCurrentUser(context().zoom, token))
      .catch((error) => error);

    expect(failure).toBeInstanceOf(ZoomError);
    expect((failure as ZoomError).outcome).toBe('reconnect');

    const after = await connection(agent);

    expect(after).toMatchObject({
      status: 'needs_reconnect',
      access_token_enc: null,
      refresh_token_enc: null,
    });
    expect((await agent.client.get('/api/integrations/zoom')).json.phone.state).toBe(
      'needs_reconnect',
    );
    expect((await agent.client.get('/api/contacts')).json.contacts).toHaveLength(1);
    expect((await bystander.client.get('/api/integrations/zoom')).json.phone.state).toBe(
      'connected',
    );

    const reconnect = await agent.client.post('/api/integrations/zoom/phone/connect');

    expect(reconnect.status).toBe(200);
  });
});
