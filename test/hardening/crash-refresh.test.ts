import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findConnectionByUser } from '../../src/integrations/zoom/connections.repo.js';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { simControl, simRequests } from '../support/sim-control.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// kill -9 of a process holding a connection's refresh lock (Zoom refresh tokens are single-use,
// so exactly one process may refresh). The next process must wait the lock out, refresh with
// the stored refresh token, and leave the connection working: no token lost.
//
// Known gap, not tested here: a kill after Zoom has issued the new pair and before the one
// UPDATE that stores it loses the grant (the old refresh token is spent). No client can close
// that window with single-use rotation; the card then says "Reconnect needed".
let app: TestApp;
let agent: ConnectedAgent;
const lockMs = 3000;

beforeAll(async () => {
  app = await startTestApp({ startJobs: false });
  agent = await aConnectedAgent(app);
});
afterAll(async () => app.close());

interface Child {
  exit: Promise<{ code: number | null; signal: string | null }>;
  output: () => string;
  kill: () => void;
}

function refreshChild(connectionId: string, crashPoint = ''): Child {
  let output = '';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/refresh-crash-child.ts'],
    {
      env: {
        ...process.env,
        ...app.env,
        NODE_ENV: 'test',
        CONNECTION_ID: connectionId,
        REFRESH_LOCK_MS: String(lockMs),
        CRASH_POINT: crashPoint,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  return {
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    output: () => output,
    kill: () => child.kill('SIGKILL'),
  };
}

const refreshes = async () =>
  (await simRequests(app)).filter(
    (r) => r.path === '/oauth/token' && r.grantType === 'refresh_token',
  );

describe('kill -9 mid-refresh', () => {
  it('a process killed holding the refresh lock: the next one refreshes once and the connection works', async () => {
    const before = await findConnectionByUser(app.database.db, agent.userId);

    if (!before) throw new Error('no connection');

    // Expired for us and for Zoom, so the next call must refresh.
    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1000 })
      .where('id', '=', before.id)
      .execute();
    await simControl(app, 'POST', '/sim/tokens/expire', { email: agent.zoomEmail });
    await simControl(app, 'DELETE', '/sim/requests');

    const first = refreshChild(before.id, 'zoom.refresh.locked');

    for (
      let waited = 0;
      !first.output().includes('crash-point:zoom.refresh.locked');
      waited += 25
    ) {
      if (waited > 60_000) throw new Error(`crash point not reached: ${first.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    first.kill();
    expect((await first.exit).signal).toBe('SIGKILL');

    const locked = await findConnectionByUser(app.database.db, agent.userId);

    // Killed holding the lock, before asking Zoom anything.
    expect(locked?.refresh_lock_owner).not.toBeNull();
    expect(await refreshes()).toHaveLength(0);

    const second = refreshChild(before.id);
    const secondExit = await second.exit;
    const after = await findConnectionByUser(app.database.db, agent.userId);

    expect(secondExit.code).toBe(0);
    expect(JSON.parse(second.output().trim())).toEqual({ ok: true, zoomUserId: agent.zoomUserId });
    expect(await refreshes()).toHaveLength(1);
    expect(after?.status).toBe('connected');
    expect(after?.token_version).toBe(before.token_version + 1);
    expect(after?.refresh_lock_owner).toBeNull();

    // The stored refresh token is the live one: a later refresh works too.
    await app.database.db
      .updateTable('zoom_connections')
      .set({ access_expires_at: Date.now() - 1000 })
      .where('id', '=', before.id)
      .execute();

    const third = refreshChild(before.id);

    expect((await third.exit).code).toBe(0);
    expect(JSON.parse(third.output().trim()).ok).toBe(true);
    expect(await refreshes()).toHaveLength(2);
    recordReliabilityFigure({
      area: 'Crash (kill -9)',
      fault: 'mid-token-refresh (killed holding the lock)',
      tried: 1,
      wrong: after?.status === 'connected' ? 0 : 1,
      wrongMeans: 'token lost',
    });
  }, 120_000);
});
