// Recording playback and voicemail transcription benchmark (issue 6). Three processes: this
// one is the client; bench/stream-servers.ts runs the app and the baseline proxy; the Zoom
// simulator that generates the recording runs in a third (bench/stream-simulator.ts), so the
// memory measured is the proxies' alone. Side by side in one run:
// - a 200 MB recording streamed through GET /api/recordings/{id}/audio, against the baseline:
//   a bare node:http server piping the same simulator download with stream.pipeline (no auth,
//   no checks, no Range), alternating rounds, medians;
// - server RSS growth while 1 and 10 such streams run, and while a client reads at 1 MB/s,
//   each beside the live memory after a forced GC (heap + Buffers), which RSS alone hides;
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
    // Extra node flags for the server process, to try V8 settings (e.g. --max-semi-space-size=2).
    'server-flags': { type: 'string', default: '' },
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
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      ...values['server-flags'].split(' ').filter(Boolean),
    ],
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

const setup = await new Promise<{
  oursUrl: string;
  cookie: string;
  baselineUrl: string;
  fetchBaselineUrl: string;
}>((resolve) => waiting.set(0, resolve as (value: unknown) => void));

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

interface Memory {
  rss: number;
  /** The server's JS heap plus Buffers outside it, right after a full GC. */
  live: number;
}

/**
 * Peak server growth over its post-GC level while `work` runs: RSS sampled every 20 ms, and
 * live memory after a forced GC every 250 ms (RSS alone also counts garbage not yet collected
 * and pages the allocator keeps; live memory is what the proxy really holds).
 */
async function growth(work: () => Promise<unknown>): Promise<Memory> {
  const before = await ask<Memory>('gc');
  const peak = { ...before };
  let running = true;
  const sampleRss = (async () => {
    while (running) {
      peak.rss = Math.max(peak.rss, await ask<number>('rss'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const sampleLive = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, 250));

      const now = await ask<Memory>('gc');

      peak.live = Math.max(peak.live, now.live);
      peak.rss = Math.max(peak.rss, now.rss);
    }
  })();

  await work();
  running = false;
  await Promise.all([sampleRss, sampleLive]);

  return { rss: mib(peak.rss - before.rss), live: mib(peak.live - before.live) };
}

/**
 * Reads at 1 MB/s for `seconds`, then leaves. After the first second the server is sampled
 * every 500 ms, RSS and live memory after a GC; drift is the spread of each.
 */
async function slowClient(url: string, headers: Record<string, string>, seconds: number) {
  // Let the server settle first: RSS still falling from the runs before (the allocator giving
  // pages back after a GC) would otherwise count as drift of whichever client comes next.
  await ask<Memory>('gc');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await ask<Memory>('gc');

  const response = await get(url, headers);
  const startedAt = performance.now();
  const samples: Memory[] = [];
  let read = 0;
  const sampler = setInterval(() => {
    if (performance.now() - startedAt > 1000) {
      void ask<Memory>('gc').then((memory) => samples.push(memory));
    }
  }, 500);

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

  const spread = (values: number[]) => mib(Math.max(...values) - Math.min(...values));

  return {
    rssSpread: spread(samples.map((sample) => sample.rss)),
    // Drift is RSS creeping up while the client reads (buffering); a fall is not.
    rssDrift: mib(Math.max(...samples.map((sample) => sample.rss)) - (samples[0]?.rss ?? 0)),
    liveDrift: spread(samples.map((sample) => sample.live)),
    readMb: mib(read),
  };
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

  const viaFetch = () => drain(setup.fetchBaselineUrl, {});
  const oneStream: Memory[] = [];
  const oneRaw: Memory[] = [];
  const oneFetch: Memory[] = [];

  for (let round = 0; round < 3; round += 1) {
    oneStream.push(await growth(ours));
    oneRaw.push(await growth(raw));
    oneFetch.push(await growth(viaFetch));
  }

  const tenStreams = await growth(() => Promise.all(Array.from({ length: 10 }, ours)));
  const tenRaw = await growth(() => Promise.all(Array.from({ length: 10 }, raw)));
  const slow = await slowClient(setup.oursUrl, { cookie: setup.cookie }, slowSeconds);
  const slowRaw = await slowClient(setup.baselineUrl, {}, slowSeconds);
  const slowFetch = await slowClient(setup.fetchBaselineUrl, {}, slowSeconds);
  const overheads = await ask<number[]>('transcribe', { rounds: rounds * 2, latency: latencyMs });
  const throughputRatio = median(oursMbps) / median(rawMbps);
  const overhead = median(overheads);
  const one = median(oneStream.map((memory) => memory.rss));
  const oneLive = median(oneStream.map((memory) => memory.live));

  writeResults(
    'stream',
    `Recording stream (${values.mb} MB) and voicemail transcription, ${rounds} rounds` +
      (values['server-flags'] ? `, server flags ${values['server-flags']}` : ''),
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
        baseline: median(oneRaw.map((memory) => memory.rss)),
        goal: '≤ 32',
        met: one <= 32,
      },
      {
        figure: 'server live memory after GC, growth, 1 stream, MB (median of 3)',
        ours: oneLive,
        baseline: median(oneRaw.map((memory) => memory.live)),
        goal: '—',
        met: true,
      },
      {
        figure: 'server RSS growth, 10 streams at once, MB',
        ours: tenStreams.rss,
        baseline: tenRaw.rss,
        goal: '≤ 64',
        met: tenStreams.rss <= 64,
      },
      {
        figure: 'server live memory after GC, growth, 10 streams, MB',
        ours: tenStreams.live,
        baseline: tenRaw.live,
        goal: '—',
        met: true,
      },
      {
        figure: `server RSS rise above its first sample, 1 MB/s client over ${slowSeconds} s, MB`,
        ours: slow.rssDrift,
        baseline: slowRaw.rssDrift,
        goal: 'flat (≤ 8)',
        met: slow.rssDrift <= 8,
      },
      {
        figure: `server RSS spread (max − min), 1 MB/s client, MB`,
        ours: slow.rssSpread,
        baseline: slowRaw.rssSpread,
        goal: '—',
        met: true,
      },
      {
        figure: `server live memory drift after GC, 1 MB/s client, MB`,
        ours: slow.liveDrift,
        baseline: slowRaw.liveDrift,
        goal: 'flat (≤ 8)',
        met: slow.liveDrift <= 8,
      },
      {
        figure: 'for the record: a bare fetch proxy, RSS growth, 1 stream, MB',
        ours: median(oneFetch.map((memory) => memory.rss)),
        baseline: null,
        goal: '—',
        met: true,
      },
      {
        figure: 'for the record: a bare fetch proxy, live memory growth, 1 stream, MB',
        ours: median(oneFetch.map((memory) => memory.live)),
        baseline: null,
        goal: '—',
        met: true,
      },
      {
        figure: 'for the record: a bare fetch proxy, RSS rise, 1 MB/s client, MB',
        ours: slowFetch.rssDrift,
        baseline: null,
        goal: '—',
        met: true,
      },
      {
        figure: 'for the record: a bare fetch proxy, live memory drift, 1 MB/s client, MB',
        ours: slowFetch.liveDrift,
        baseline: null,
        goal: '—',
        met: true,
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
