// The two servers bench/events.bench.ts measures, each in its own process so that the 500
// benchmark clients do not share an event loop with the server they time:
// - `app`: the real app (webhook route, job queue, call logging, GET /api/events), with one
//   agent who has a session, a connected Zoom Phone card and a contact;
// - `echo`: a bare node:http server that writes each POSTed body straight to every open
//   text/event-stream response, the floor any SSE fan-out pays.
// Each prints one JSON line with its port (and the agent's ids) on stdout, then serves.
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createContact } from '../src/crm/contacts.repo.js';
import { normalisePhone } from '../src/crm/phone-number.js';
import { createSession } from '../src/crm/sessions.repo.js';
import { upsertUser } from '../src/crm/users.repo.js';
import { buildServer } from '../src/http/server.js';
import { saveAuthorization } from '../src/integrations/zoom/connections.repo.js';
import { createLogger } from '../src/lib/logger.js';

export const benchSecret = 'bench-webhook-secret';
export const benchAccountId = 'acct_events_bench';
export const benchZoomUserId = 'zu_events_bench';
export const benchCallerNumber = '+16045550147';

const { values } = parseArgs({
  options: {
    serve: { type: 'string' },
    database: { type: 'string', default: 'sqlite' },
  },
  strict: false,
});

/**
 * PostgreSQL runs get a schema of their own, dropped at exit: a shared `public` may hold other
 * benchmarks' unprocessed jobs, which the job queue would work through first.
 */
async function postgresUrl(): Promise<string> {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = `bench_events_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });

  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();

  process.once('SIGTERM', () => {
    const cleanup = new pg.Client({ connectionString: server });

    void cleanup
      .connect()
      .then(() => cleanup.query(`drop schema ${schema} cascade`))
      .finally(() => process.exit(0));
  });

  const url = new URL(server);

  url.searchParams.set('options', `-c search_path=${schema}`);

  return url.toString();
}

async function serveApp() {
  const folder = mkdtempSync(join(tmpdir(), '1thing-bench-events-'));
  const config = loadConfig({
    DATABASE_URL:
      values.database === 'postgres' ? await postgresUrl() : `sqlite:${join(folder, 'app.sqlite')}`,
    ZOOM_CLIENT_ID: 'bench',
    ZOOM_CLIENT_SECRET: 'bench',
    ZOOM_WEBHOOK_SECRET_TOKEN: benchSecret,
    TOKEN_ENCRYPTION_KEY: 'e'.repeat(64),
    // Nothing here calls Zoom; an unroutable local port makes sure nothing could.
    ZOOM_OAUTH_URL: 'http://127.0.0.1:9',
    ZOOM_API_URL: 'http://127.0.0.1:9/v2',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: 'warn',
  });
  const started = await createApp(config, createLogger(config.LOG_LEVEL));
  const { db, cipher, clock } = started.context;
  const now = clock.now();
  const email = `bench-${process.pid}@example.com`;
  const userId = await upsertUser(
    db,
    { email, name: 'Bench Agent', password: 'bench-password', defaultRegion: 'CA' },
    now,
  );
  const sessionId = await createSession(db, userId, now, 3_600_000);
  const number = normalisePhone(benchCallerNumber, 'CA');

  if (!number) throw new Error('bench caller number does not parse');

  await createContact(
    db,
    userId,
    {
      name: 'Jordan Sample',
      email: null,
      phones: [{ label: 'mobile', raw: benchCallerNumber, normalised: number }],
    },
    now,
  );
  await saveAuthorization(db, {
    userId,
    zoomUserId: benchZoomUserId,
    zoomAccountId: benchAccountId,
    zoomEmail: email,
    scopes: ['phone:read:user'],
    accessTokenEnc: cipher.seal('bench-access-token'),
    refreshTokenEnc: cipher.seal('bench-refresh-token'),
    keyId: cipher.keyId,
    accessExpiresAt: now + 3_600_000,
    product: 'phone',
    productState: 'connected',
    phone: { phoneUserId: 'pu_bench', numbers: ['+16045550100'], extension: '1042' },
    now,
  });

  const server = await buildServer(started.context);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });

  started.context.jobs.start();
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port), sessionId })}\n`);
}

async function serveEcho() {
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write('retry: 2000\n\n');
      streams.add(response);
      response.on('close', () => streams.delete(response));

      return;
    }

    const chunks: Buffer[] = [];

    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = `event: call\ndata: ${Buffer.concat(chunks).toString('utf8')}\n\n`;

      for (const stream of streams) stream.write(text);

      response.writeHead(200).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();

  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  );
}

if (values.serve === 'app') await serveApp();
else if (values.serve === 'echo') await serveEcho();
