// The server side of bench/stream.bench.ts, in its own process so its RSS is the app's and not
// the reading client's: the app with its simulator, a connected agent with one large recording,
// and the baseline proxy (a bare node:http server piping the simulator's download with
// stream.pipeline). It answers the parent over IPC: its RSS, a GC, and the transcription round.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { sessionCookie } from '../src/http/auth.js';
import { createVoicemailTranscribeJob } from '../src/integrations/zoom/voicemail/voicemail-transcribe.job.js';
import { aConnectedAgent } from '../test/support/connected-agent.js';
import { simControl } from '../test/support/sim-control.js';
import { startTestApp, waitFor } from '../test/support/test-app.js';

const size = Number(process.argv[2] ?? 200 * 1024 * 1024);
const app = await startTestApp();
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
const connection = await app.database.db
  .selectFrom('zoom_connections')
  .select('access_token_enc')
  .where('user_id', '=', agent.userId)
  .executeTakeFirstOrThrow();
const zoomToken = app.started.context.cipher.open(connection.access_token_enc ?? '');
const upstreamUrl = `${app.simulatorUrl}/v2/phone/recording/download/${fileId}`;

const get = (url: string, headers: Record<string, string>) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    httpRequest(url, { headers }, resolve).on('error', reject).end();
  });

const baseline = createServer((_request, response) => {
  void get(upstreamUrl, { authorization: `Bearer ${zoomToken}` }).then((upstream) => {
    response.writeHead(upstream.statusCode ?? 502, upstream.headers);

    return pipeline(upstream, response).catch(() => undefined);
  });
});

await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));

/** The transcription job's own time with Whisper answering after exactly `latencyMs`. */
async function transcriptionOverheads(rounds: number, latencyMs: number): Promise<number[]> {
  const handler = createVoicemailTranscribeJob(app.started.context);
  const overheads: number[] = [];

  app.started.context.whisper = {
    apiKey: 'bench-key',
    baseURL: `${app.simulatorUrl}/v1`,
    timeoutMs: latencyMs * 10,
  };

  for (let round = 0; round < rounds; round += 1) {
    const { voicemailId } = await simControl(app, 'POST', '/sim/voicemails', {
      zoomUserId: agent.zoomUserId,
      callerNumber: '15125550199',
    });
    const row = await waitFor(
      () =>
        app.database.db
          .selectFrom('voicemails')
          .selectAll()
          .where('zoom_voicemail_id', '=', voicemailId)
          .where('status', '=', 'done')
          .executeTakeFirst(),
      10_000,
    );

    await app.database.db
      .updateTable('voicemails')
      .set({ status: 'pending', transcript: null })
      .where('id', '=', row.id)
      .execute();
    await simControl(app, 'POST', '/sim/openai/faults', { delayMs: latencyMs, count: 1 });

    const started = performance.now();

    await handler({
      jobId: 'bench',
      attempt: 1,
      payload: { voicemailId: row.id, ownerId: row.owner_id },
    });
    overheads.push(performance.now() - started - latencyMs);
  }

  return overheads;
}

process.on(
  'message',
  (message: { type: string; id: number; rounds?: number; latency?: number }) => {
    const reply = (value: unknown) => process.send?.({ id: message.id, value });

    if (message.type === 'rss') reply(process.memoryUsage().rss);

    if (message.type === 'gc') {
      (globalThis as { gc?: () => void }).gc?.();
      reply(process.memoryUsage().rss);
    }

    if (message.type === 'transcribe') {
      void transcriptionOverheads(message.rounds ?? 5, message.latency ?? 500).then(reply);
    }

    if (message.type === 'close') {
      baseline.close();
      void app.close().then(() => {
        reply(true);
        process.exit(0);
      });
    }
  },
);

process.send?.({
  id: 0,
  value: {
    oursUrl: `${app.baseUrl}${recording.audioUrl}`,
    cookie: `${sessionCookie}=${agent.client.cookie(sessionCookie) ?? ''}`,
    baselineUrl: `http://127.0.0.1:${(baseline.address() as { port: number }).port}/`,
  },
});
