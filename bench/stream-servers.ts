// The server side of bench/stream.bench.ts: the app and the baseline proxy in this process, the
// Zoom simulator in a child of its own (bench/stream-simulator.ts), so the memory measured here
// is the proxies' and not the generator's. A connected agent with one large recording; the
// baseline is a bare node:http server piping the simulator's download with stream.pipeline.
// It answers the parent over IPC: RSS, RSS and live memory after a full GC, and the
// transcription round.
import { fork } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { upsertUser } from '../src/crm/users.repo.js';
import { sessionCookie } from '../src/http/auth.js';
import { buildServer } from '../src/http/server.js';
import { createVoicemailTranscribeJob } from '../src/integrations/zoom/voicemail/voicemail-transcribe.job.js';
import { createLogger } from '../src/lib/logger.js';
import { aConnectedAgent } from '../test/support/connected-agent.js';
import { TestClient } from '../test/support/http-client.js';
import { simControl } from '../test/support/sim-control.js';
import {
  freePort,
  testEncryptionKey,
  testPassword,
  testWebhookSecret,
  waitFor,
  type TestApp,
} from '../test/support/test-app.js';
import { openTestDatabase } from '../test/support/test-database.js';

const size = Number(process.argv[2] ?? 200 * 1024 * 1024);
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const simulatorProcess = fork(
  fileURLToPath(new URL('./stream-simulator.ts', import.meta.url)),
  [`${baseUrl}/webhooks/zoom`],
  { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
);
const simulatorUrl = await new Promise<string>((resolve) =>
  simulatorProcess.once('message', (message: { url: string }) => resolve(message.url)),
);
const database = await openTestDatabase();
const config = loadConfig({
  PORT: String(port),
  PUBLIC_URL: baseUrl,
  DATABASE_URL: database.url,
  ZOOM_CLIENT_ID: 'test-client-id',
  ZOOM_CLIENT_SECRET: 'test-client-secret',
  ZOOM_WEBHOOK_SECRET_TOKEN: testWebhookSecret,
  ZOOM_OAUTH_URL: simulatorUrl,
  ZOOM_API_URL: `${simulatorUrl}/v2`,
  TOKEN_ENCRYPTION_KEY: testEncryptionKey,
  LOG_LEVEL: 'warn',
  JOB_POLL_INTERVAL_MS: '100',
});
const started = await createApp(config, createLogger(config.LOG_LEVEL), { database });
const server = await buildServer(started.context);

await server.listen({ port, host: '127.0.0.1' });
started.context.jobs.start();

// What test/support's agent helpers need of a test app: they drive it over HTTP only.
const app = {
  baseUrl,
  simulatorUrl,
  async createAgent(email: string) {
    await upsertUser(
      database.db,
      { email, name: 'Bench Agent', password: testPassword, isAdmin: false, defaultRegion: 'US' },
      Date.now(),
    );

    const client = new TestClient(baseUrl);

    await client.post('/api/session', { email, password: testPassword });

    return client;
  },
} as unknown as TestApp;
const agent = await aConnectedAgent(app);
const callId = `72900${Date.now()}`;
const { fileId } = await simControl(app, 'POST', '/sim/recordings', {
  zoomUserId: agent.zoomUserId,
  externalNumber: '+15125550111',
  callId,
  audio: { syntheticBytes: size, contentType: 'audio/mpeg' },
});
const recording = await waitFor(async () => {
  const { json } = await agent.client.get('/api/recordings');

  return json.recordings.find((item: { zoomCallId: string }) => item.zoomCallId === callId);
});
const connection = await database.db
  .selectFrom('zoom_connections')
  .select('access_token_enc')
  .where('user_id', '=', agent.userId)
  .executeTakeFirstOrThrow();
const zoomToken = started.context.cipher.open(connection.access_token_enc ?? '');
const upstreamUrl = `${simulatorUrl}/v2/phone/recording/download/${fileId}`;

const get = (url: string, headers: Record<string, string>) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    httpRequest(url, { headers }, resolve).on('error', reject).end();
  });

const baseline = createServer((request, response) => {
  void get(upstreamUrl, { authorization: `Bearer ${zoomToken}` }).then((upstream) => {
    response.writeHead(upstream.statusCode ?? 502, upstream.headers);
    request.once('close', () => upstream.destroy());

    return pipeline(upstream, response).catch(() => undefined);
  });
});

// For the record only: the same bare proxy with fetch as its upstream client (the app used
// fetch until the node:http client replaced it), to show what the upstream client alone costs.
const fetchBaseline = createServer((request, response) => {
  const gone = new AbortController();

  request.once('close', () => gone.abort());
  void fetch(upstreamUrl, {
    headers: { authorization: `Bearer ${zoomToken}` },
    signal: gone.signal,
  })
    .then((upstream) => {
      response.writeHead(upstream.status, { 'content-type': 'audio/mpeg' });

      return pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), response);
    })
    .catch(() => response.destroy());
});

await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
await new Promise<void>((resolve) => fetchBaseline.listen(0, '127.0.0.1', resolve));

/** The transcription job's own time with Whisper answering after exactly `latencyMs`. */
async function transcriptionOverheads(rounds: number, latencyMs: number): Promise<number[]> {
  const handler = createVoicemailTranscribeJob(started.context);
  const overheads: number[] = [];

  started.context.whisper = {
    apiKey: 'bench-key',
    baseURL: `${simulatorUrl}/v1`,
    timeoutMs: latencyMs * 10,
  };

  for (let round = 0; round < rounds; round += 1) {
    const { voicemailId } = await simControl(app, 'POST', '/sim/voicemails', {
      zoomUserId: agent.zoomUserId,
      callerNumber: '15125550199',
    });
    const row = await waitFor(
      () =>
        database.db
          .selectFrom('voicemails')
          .selectAll()
          .where('zoom_voicemail_id', '=', voicemailId)
          .where('status', '=', 'done')
          .executeTakeFirst(),
      10_000,
    );

    await database.db
      .updateTable('voicemails')
      .set({ status: 'pending', transcript: null })
      .where('id', '=', row.id)
      .execute();
    await simControl(app, 'POST', '/sim/openai/faults', { delayMs: latencyMs, count: 1 });

    const startedAt = performance.now();

    await handler({
      jobId: 'bench',
      attempt: 1,
      payload: { voicemailId: row.id, ownerId: row.owner_id },
    });
    overheads.push(performance.now() - startedAt - latencyMs);
  }

  return overheads;
}

/** RSS, and what is still alive after a full GC: the JS heap plus Buffers outside it. */
function afterGc() {
  const gc = (globalThis as { gc?: () => void }).gc;

  // Twice: V8 frees dead Buffers' memory on a background sweeper after a GC, and the next GC
  // waits for that sweep to finish, so only then does `external` stop counting them.
  gc?.();
  gc?.();

  const usage = process.memoryUsage();

  return { rss: usage.rss, live: usage.heapUsed + usage.external };
}

async function close() {
  baseline.close();
  fetchBaseline.close();
  await server.close();
  await started.close();
  await database.close();
  simulatorProcess.send({ type: 'close' });
  await new Promise((resolve) => simulatorProcess.once('exit', resolve));
}

process.on(
  'message',
  (message: { type: string; id: number; rounds?: number; latency?: number }) => {
    const reply = (value: unknown) => process.send?.({ id: message.id, value });

    if (message.type === 'rss') reply(process.memoryUsage().rss);

    if (message.type === 'gc') reply(afterGc());

    if (message.type === 'transcribe') {
      void transcriptionOverheads(message.rounds ?? 5, message.latency ?? 500).then(reply);
    }

    if (message.type === 'close') {
      void close().then(() => {
        reply(true);
        process.exit(0);
      });
    }
  },
);

process.send?.({
  id: 0,
  value: {
    oursUrl: `${baseUrl}${recording.audioUrl}`,
    cookie: `${sessionCookie}=${agent.client.cookie(sessionCookie) ?? ''}`,
    baselineUrl: `http://127.0.0.1:${(baseline.address() as { port: number }).port}/`,
    fetchBaselineUrl: `http://127.0.0.1:${(fetchBaseline.address() as { port: number }).port}/`,
  },
});
