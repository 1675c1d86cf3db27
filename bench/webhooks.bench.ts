// Webhook ingest benchmark: the real POST /webhooks/zoom (verify, store, 200) beside a bare
// node:http handler that does only the HMAC check and the same insert, in the same run, on the
// same machine. Reports medians of several alternating rounds; goal: ≥ 0.8× the baseline's
// requests/s and p99 ≤ 1.5× its p99. Usage: npm run bench:webhooks [-- --seconds 10 --rounds 3]
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildServer } from '../src/http/server.js';
import { createLogger } from '../src/lib/logger.js';
import { storeInboundEvent } from '../src/webhooks/inbox.repo.js';
import { verifyZoomSignature } from '../src/webhooks/signature.js';
import { readEnvelope } from '../src/webhooks/webhook-envelope.js';
import { webhookFamilies } from '../src/integrations/zoom/webhook-families.js';
import { createBenchSchema } from './pg-bench-schema.js';
import { writeResults } from './results-table.js';
import { benchWebhookSecret, sendSignedWebhooks } from './webhook-load.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const secret = benchWebhookSecret;
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
// PostgreSQL runs work in a schema of their own; the route and the baseline share it.
const postgresSchema = values.database === 'postgres' ? await createBenchSchema('webhooks') : null;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];

  for await (const chunk of request) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks);
}

function databaseUrl(folder: string, name: string): string {
  return postgresSchema ? postgresSchema.url : `sqlite:${join(folder, `${name}.sqlite`)}`;
}

/** The baseline: HMAC check, the same inbox + job insert, 200. No framework, no logging. */
async function startBaseline(folder: string) {
  const config = loadConfig({ DATABASE_URL: databaseUrl(folder, 'baseline') });
  const database = openDatabase(config.database);

  await migrateToLatest(database);

  const server = createServer(async (request, response) => {
    const rawBody = await readBody(request);
    const verdict = verifyZoomSignature({
      secret,
      rawBody,
      timestamp: request.headers['x-zm-request-timestamp'] as string,
      signature: request.headers['x-zm-signature'] as string,
      nowMs: Date.now(),
      toleranceSeconds: 300,
    });

    if (!verdict.ok) {
      response.writeHead(401).end();

      return;
    }

    const envelope = readEnvelope(JSON.parse(rawBody.toString('utf8')), webhookFamilies);

    if (envelope.ok) {
      await storeInboundEvent(
        database.db,
        envelope.entry,
        rawBody.toString('utf8'),
        null,
        Date.now(),
      );
    }

    response.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/webhooks/zoom`,
    close: async () => (server.close(), database.close()),
  };
}

/** The real app route, with the app's logger at its production level. */
async function startRealRoute(folder: string) {
  const config = loadConfig({
    DATABASE_URL: databaseUrl(folder, 'app'),
    ZOOM_CLIENT_ID: 'bench',
    ZOOM_CLIENT_SECRET: 'bench',
    ZOOM_WEBHOOK_SECRET_TOKEN: secret,
    TOKEN_ENCRYPTION_KEY: 'e'.repeat(64),
    PUBLIC_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: 'warn',
  });
  const started = await createApp(config, createLogger(config.LOG_LEVEL));
  const server = await buildServer(started.context);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });

  return {
    url: `${address}/webhooks/zoom`,
    close: async () => (await server.close(), await started.close()),
  };
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

async function main() {
  const folder = mkdtempSync(join(tmpdir(), '1thing-bench-'));
  const baseline = await startBaseline(folder);
  const real = await startRealRoute(folder);
  const results = {
    baseline: { rps: [] as number[], p99: [] as number[] },
    route: { rps: [] as number[], p99: [] as number[] },
  };

  for (let round = 1; round <= rounds; round += 1) {
    for (const [name, target] of [
      ['baseline', baseline],
      ['route', real],
    ] as const) {
      const result = await sendSignedWebhooks(target.url, connections, seconds);
      const failures = result.non2xx + result.errors + result.timeouts;

      if (failures > 0) throw new Error(`${name}: ${failures} failed requests`);

      results[name].rps.push(result.requests.average);
      results[name].p99.push(result.latency.p99);
      console.warn(
        `round ${round} ${name}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`,
      );
    }
  }

  await real.close();
  await baseline.close();
  rmSync(folder, { recursive: true, force: true });
  await postgresSchema?.drop();

  const rps = { baseline: median(results.baseline.rps), route: median(results.route.rps) };
  const p99 = { baseline: median(results.baseline.p99), route: median(results.route.p99) };
  const rpsRatio = rps.route / rps.baseline;
  const p99Ratio = p99.route / Math.max(p99.baseline, 1);

  writeResults(
    `webhooks-${values.database}`,
    `Webhook ingest (${values.database}): the route beside a bare node:http handler, ${rounds} rounds × ${seconds} s, ${connections} connections, medians`,
    [
      {
        figure: 'requests/s',
        ours: Math.round(rps.route),
        baseline: Math.round(rps.baseline),
        goal: '≥ 0.80× baseline',
        met: rpsRatio >= 0.8,
      },
      {
        figure: 'p99 latency (ms)',
        ours: p99.route,
        baseline: p99.baseline,
        goal: '≤ 1.50× baseline',
        met: p99Ratio <= 1.5,
      },
    ],
  );
}

await main();
