import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { createSimulator } from '../../simulator/simulator.js';
import { createApp, type StartedApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { upsertUser } from '../../src/crm/users.repo.js';
import { buildServer } from '../../src/http/server.js';
import type { Clock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { TestClient } from './http-client.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

/** The webhook secret of field reports' examples. */
export const testWebhookSecret = 's3cr3t-demo-token';
export const testEncryptionKey = 'a'.repeat(64);
export const testPassword = 'correct horse battery';

export type Simulator = Awaited<ReturnType<typeof createSimulator>>;

export interface TestApp {
  baseUrl: string;
  simulatorUrl: string;
  simulator: Simulator;
  server: FastifyInstance;
  started: StartedApp;
  database: TestDatabase;
  /** Every log line the app wrote, as text, for assertions on what reaches the logs. */
  logs: string[];
  env: Record<string, string>;
  client(): TestClient;
  createAgent(email: string, options?: { region?: string; isAdmin?: boolean }): Promise<TestClient>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();

    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;

      probe.close(() => resolve(port));
    });
  });
}

/**
 * The whole app on real HTTP against its own simulator and a fresh database, the way Zoom and
 * a browser meet it in production, with short webhook retry delays.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; startJobs?: boolean; clock?: Clock } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const simulator = await createSimulator({
    clientId: 'test-client-id',
    clientSecret: 'test-client-secret',
    webhookSecretToken: testWebhookSecret,
    webhookUrl: `${baseUrl}/webhooks/zoom`,
    webhookRetryDelaysMs: [50, 100, 150],
    webhookTimeoutMs: 2000,
  });
  const simulatorUrl = await simulator.listen(0, '127.0.0.1');

  simulator.configure({ publicUrl: simulatorUrl });

  const env = {
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL: database.url,
    ZOOM_CLIENT_ID: 'test-client-id',
    ZOOM_CLIENT_SECRET: 'test-client-secret',
    ZOOM_WEBHOOK_SECRET_TOKEN: testWebhookSecret,
    ZOOM_OAUTH_URL: simulatorUrl,
    ZOOM_API_URL: `${simulatorUrl}/v2`,
    TOKEN_ENCRYPTION_KEY: testEncryptionKey,
    LOG_LEVEL: 'debug',
    JOB_POLL_INTERVAL_MS: '100',
    ...options.env,
  };
  const config = loadConfig(env);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, sink);
  const started = await createApp(config, logger, {
    database,
    ...(options.clock && { clock: options.clock }),
  });
  const server = await buildServer(started.context);

  await server.listen({ port, host: '127.0.0.1' });

  if (options.startJobs !== false) started.context.jobs.start();

  return {
    baseUrl,
    simulatorUrl,
    simulator,
    server,
    started,
    database,
    logs,
    env,
    client: () => new TestClient(baseUrl),
    async createAgent(email, agentOptions = {}) {
      await upsertUser(
        database.db,
        {
          email,
          name: email.split('@')[0] ?? email,
          password: testPassword,
          isAdmin: agentOptions.isAdmin ?? false,
          defaultRegion: agentOptions.region ?? 'US',
        },
        Date.now(),
      );

      const client = new TestClient(baseUrl);
      const response = await client.post('/api/session', { email, password: testPassword });

      if (response.status !== 200) {
        throw new Error(`sign-in failed: ${response.status} ${response.text}`);
      }

      return client;
    },
    async close() {
      // Known gap: on a loaded machine, closing an app whose jobs were still retrying against
      // the simulator has twice outlasted vitest's hook limit (cause not yet found). Each step
      // gets a bounded wait, so one slow step is reported here instead of failing the suite.
      await closeWithin('server', () => server.close());
      await closeWithin('app', () => started.close());
      await closeWithin('simulator', () => simulator.close());
      await closeWithin('database', () => database.close());
    },
  };
}

async function closeWithin(step: string, close: () => Promise<unknown>, limitMs = 15_000) {
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([
    close().then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), limitMs);
    }),
  ]);

  clearTimeout(timer);

  if (!finished) console.warn(`test app: closing the ${step} took over ${limitMs} ms; moving on`);
}

/** Polls until `check` returns a value (not undefined/false) or the time runs out. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;

  for (;;) {
    const value = await check();

    if (value !== undefined && value !== false) return value;

    if (Date.now() > deadline) throw new Error(`waitFor timed out after ${timeoutMs} ms`);

    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
