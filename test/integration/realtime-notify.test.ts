import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type StartedApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildServer } from '../../src/http/server.js';
import { createLogger } from '../../src/lib/logger.js';
import type { PgEventSignal } from '../../src/realtime/pg-event-signal.js';
import { openEventStream, type OpenStream } from '../support/event-stream.js';
import type { TestClient } from '../support/http-client.js';
import { freePort, startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { testDialect } from '../support/test-database.js';

// So long that no stream in this file is ever woken by its poll: only NOTIFY (or the
// listener's "look again" after a reconnect) can deliver an event from one instance to another.
const noPoll = { REALTIME_POLL_INTERVAL_MS: String(10 * 60_000) };

interface SecondInstance {
  baseUrl: string;
  started: StartedApp;
  close(): Promise<void>;
}

/** Another instance of the app on A's database: its own pool, listener and HTTP server. */
async function startSecondInstance(a: TestApp): Promise<SecondInstance> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ ...a.env, PORT: String(port), PUBLIC_URL: baseUrl });
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const started = await createApp(config, createLogger('info', quiet));
  const server = await buildServer(started.context);

  await server.listen({ port, host: '127.0.0.1' });

  return {
    baseUrl,
    started,
    async close() {
      await server.close();
      await started.close();
    },
  };
}

describe.skipIf(testDialect() !== 'postgres')(
  'real time across instances (PostgreSQL only: on SQLite one process serves all, no NOTIFY)',
  () => {
    let a: TestApp;
    let b: SecondInstance;
    let agent: TestClient;
    let agentId: string;
    let published = 0;

    const listenerOfB = () => b.started.context.realtime.signal as PgEventSignal;

    /** The agent's browser, holding the session signed in on A, talking to B. */
    const agentOnB = () =>
      ({ baseUrl: b.baseUrl, cookie: (name: string) => agent.cookie(name) }) as TestClient;

    async function publishOnA(): Promise<{ id: number; note: string }> {
      const note = `note-${++published}`;
      const id = await a.started.context.realtime.publisher.publish(agentId, {
        type: 'note',
        key: note,
        data: { note },
      });

      return { id: id ?? -1, note };
    }

    async function listenerPids(): Promise<number[]> {
      const { rows } = await sql<{ pid: number }>`
        select pid from pg_stat_activity where application_name = ${listenerOfB().applicationName}
      `.execute(a.database.db);

      return rows.map((row) => Number(row.pid));
    }

    beforeAll(async () => {
      a = await startTestApp({ env: noPoll });
      b = await startSecondInstance(a);
      agent = await a.createAgent('agent@example.com');

      const user = await a.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'agent@example.com')
        .executeTakeFirstOrThrow();

      agentId = user.id;
      await waitFor(async () => listenerOfB().listening());
    });

    afterAll(async () => {
      await b?.close();
      await a?.close();
    });

    it('an event published on instance A reaches a stream on instance B without a poll', async () => {
      const stream = await openEventStream(agentOnB());

      expect(stream.status).toBe(200);
      await stream.next((event) => event.type === 'snapshot');

      const { id, note } = await publishOnA();
      const received = await stream.next((event) => event.type === 'note');

      expect(received).toEqual({ id, type: 'note', data: { note } });
      await stream.close();
    });

    it('a stream reconnecting to B with Last-Event-ID gets exactly what it missed', async () => {
      const first = await openEventStream(agentOnB());
      const before = await publishOnA();

      await first.next((event) => event.id === before.id);
      await first.close();

      const missed = [await publishOnA(), await publishOnA()];
      const again = await openEventStream(agentOnB(), { lastEventId: before.id });

      await again.next((event) => event.id === missed[1]?.id);
      expect(again.events.map((event) => [event.id, event.data.note])).toEqual(
        missed.map(({ id, note }) => [id, note]),
      );
      await again.close();
    });

    it('after its listener connection is killed, B reconnects and delivers what was published in the gap', async () => {
      let stream: OpenStream | undefined;

      try {
        stream = await openEventStream(agentOnB());
        await stream.next((event) => event.type === 'snapshot');

        const [pid] = await listenerPids();

        expect(pid).toBeDefined();

        const { rows } = await sql<{ killed: boolean }>`
          select pg_terminate_backend(${pid}::int) as killed
        `.execute(a.database.db);

        expect(rows[0]?.killed).toBe(true);
        await waitFor(async () => !listenerOfB().listening());

        const { id, note } = await publishOnA();

        // The first reconnect waits about a second, so this NOTIFY had nobody to reach on B.
        expect(listenerOfB().listening()).toBe(false);

        const received = await stream.next((event) => event.type === 'note' && event.id === id);

        expect(received.data).toEqual({ note });
        expect(listenerOfB().listening()).toBe(true);

        const [newPid] = await listenerPids();

        expect(newPid).toBeDefined();
        expect(newPid).not.toBe(pid);
      } finally {
        await stream?.close();
      }
    });
  },
);
