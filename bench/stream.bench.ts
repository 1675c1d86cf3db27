// Recording playback and voicemail transcription benchmark (issue 6). The app, its simulator
// and a baseline proxy run in a child process (bench/stream-servers.ts), so the RSS measured is
// the server's; this process is the client. Side by side in one run:
// - a 200 MB recording streamed through GET /api/recordings/{id}/audio, against the baseline:
//   a bare node:http server piping the same simulator download with stream.pipeline (no auth,
//   no checks, no Range), alternating rounds, medians;
// - server RSS growth while 1 and 10 such streams run, and while a client reads at 1 MB/s;
// - the transcription job's own time with a fake OpenAI of fixed latency L, minus L.
// Goals: throughput ≥ 0.8× baseline; RSS growth ≤ 32 MB (1 stream), ≤ 64 MB (10); flat RSS
// under the 1 MB/s client; transcription overhead ≤ 10 % of L.
// Usage: npm run bench:stream [-- --rounds 5 --mb 200 --latency 500 --slow-seconds 10]
import { fork } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeResults } from './results-table.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    mb: { type: 'string', default: '200' },
    latency: { type: 'string', default: '500' },
    'slow-seconds': { type: 'string', default: '10' },
  },
});
const rounds = Number(values.rounds);
const size = Number(values.mb) * 1024 * 1024;
const latencyMs = Number(values.latency);
const slowSeconds = Number(values['slow-seconds']);

const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);

  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const mib = (bytes: number) => bytes / 1024 / 1024;

const servers = fork(
  fileURLToPath(new URL('./stream-servers.ts', import.meta.url)),
  [String(size)],
  {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  },
);
const waiting = new Map<number, (value: unknown) => void>();
let nextId = 1;

servers.on('message', (message: { id: number; value: unknown }) => {
  waiting.get(message.id)?.(message.value);
  waiting.delete(message.id);
});

function ask<T>(type: string, extra: Record<string, unknown> = {}): Promise<T> {
  const id = nextId++;

  return new Promise((resolve) => {
    waiting.set(id, resolve as (value: unknown) => void);
    servers.send({ type, id, ...extra });
  });
}

const setup = await new Promise<{ oursUrl: string; cookie: string; baselineUrl: string }>(
  (resolve) => waiting.set(0, resolve as (value: unknown) => void),
);

function get(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, resolve).on('error', reject).end();
  });
}

/** Reads a whole response and drops it; resolves to the byte count. */
async function drain(url: string, headers: Record<string, string>): Promise<number> {
  let bytes = 0;

  await pipeline(
    await get(url, headers),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );

  return bytes;
}

/** Peak server RSS growth over its post-GC level while `work` runs, sampled every 20 ms. */
async function rssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = await ask<number>('gc');
  let peak = before;
  let running = true;
  const sampling = (async () => {
    while (running) {
      peak = Math.max(peak, await ask<number>('rss'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  await work();
  running = false;
  await sampling;

  return mib(peak - before);
}

/** Reads at 1 MB/s for `seconds`, then leaves; server RSS is sampled after the first second. */
async function slowClient(url: string, headers: Record<string, string>, seconds: number) {
  const response = await get(url, headers);
  const startedAt = performance.now();
  const samples: number[] = [];
  let read = 0;
  const sampler = setInterval(() => {
    if (performance.now() - startedAt > 1000) {
      void ask<number>('rss').then((rss) => samples.push(rss));
    }
  }, 200);

  await new Promise<void>((resolve) => {
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        read += chunk.length;

        const due = startedAt + (read / (1024 * 1024)) * 1000;

        setTimeout(done, Math.max(0, due - performance.now()));
      },
    });

    response.pipe(sink);
    setTimeout(() => {
      response.destroy();
      resolve();
    }, seconds * 1000);
  });
  clearInterval(sampler);

  return { drift: mib(Math.max(...samples) - Math.min(...samples)), readMb: mib(read) };
}

try {
  const ours = () => drain(setup.oursUrl, { cookie: setup.cookie });
  const raw = () => drain(setup.baselineUrl, {});

  // Both paths must deliver every byte before anything is timed.
  if ((await ours()) !== size || (await raw()) !== size) throw new Error('short read');

  const oursMbps: number[] = [];
  const rawMbps: number[] = [];

  for (let round = 0; round < rounds; round += 1) {
    for (const [read, into] of [
      [ours, oursMbps],
      [raw, rawMbps],
    ] as const) {
      const started = performance.now();

      await read();
      into.push(mib(size) / ((performance.now() - started) / 1000));
    }
  }

  const oneStream: number[] = [];
  const oneRaw: number[] = [];

  for (let round = 0; round < 3; round += 1) {
    oneStream.push(await rssGrowth(ours));
    oneRaw.push(await rssGrowth(raw));
  }

  const tenStreams = await rssGrowth(() => Promise.all(Array.from({ length: 10 }, ours)));
  const tenRaw = await rssGrowth(() => Promise.all(Array.from({ length: 10 }, raw)));
  const slow = await slowClient(setup.oursUrl, { cookie: setup.cookie }, slowSeconds);
  const slowRaw = await slowClient(setup.baselineUrl, {}, slowSeconds);
  const overheads = await ask<number[]>('transcribe', { rounds: rounds * 2, latency: latencyMs });
  const throughputRatio = median(oursMbps) / median(rawMbps);
  const overhead = median(overheads);
  const one = median(oneStream);

  writeResults(
    'stream',
    `Recording stream (${values.mb} MB) and voicemail transcription, ${rounds} rounds, server RSS`,
    [
      {
        figure: 'throughput, MB/s (median)',
        ours: median(oursMbps),
        baseline: median(rawMbps),
        goal: '≥ 0.8× baseline',
        met: throughputRatio >= 0.8,
      },
      {
        figure: 'server RSS growth, 1 stream, MB (median of 3)',
        ours: one,
        baseline: median(oneRaw),
        goal: '≤ 32',
        met: one <= 32,
      },
      {
        figure: 'server RSS growth, 10 streams at once, MB',
        ours: tenStreams,
        baseline: tenRaw,
        goal: '≤ 64',
        met: tenStreams <= 64,
      },
      {
        figure: `server RSS drift under a 1 MB/s client over ${slowSeconds} s, MB`,
        ours: slow.drift,
        baseline: slowRaw.drift,
        goal: 'flat (≤ 8)',
        met: slow.drift <= 8,
      },
      {
        figure: `bytes read by the 1 MB/s client in ${slowSeconds} s, MB`,
        ours: slow.readMb,
        baseline: null,
        goal: '≈ 1 MB/s',
        met: slow.readMb <= slowSeconds * 1.2,
      },
      {
        figure: `transcription overhead over L = ${latencyMs} ms, ms (median)`,
        ours: overhead,
        baseline: latencyMs,
        goal: '≤ 10 % of L',
        met: overhead <= latencyMs * 0.1,
      },
    ],
  );
} finally {
  await ask('close');
}
