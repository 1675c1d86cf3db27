// Screen-pop latency benchmark (issue 4): the time from the start of a signed
// phone.callee_ringing request to POST /webhooks/zoom until the `call` event reaches each of
// 1, 100 and 500 open GET /api/events streams of that agent, through the whole real path
// (verify, store, job, call logging, publish, fan-out). In the same run, alternating trial by
// trial, the same clients time a bare node:http echo server that writes each POSTed body to
// every open stream: the cost of the transport alone. Servers run in their own processes.
// Goals: p99 ≤ 500 ms at 500 clients, and p99 at 500 ≤ 2 × p99 at 1.
// Usage: npm run bench:events [-- --trials 200 --rounds 3 --clients 1,100,500 --database postgres]
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signZoomPayload } from '../src/webhooks/signature.js';
import {
  benchAccountId,
  benchCallerNumber,
  benchSecret,
  benchZoomUserId,
} from './events-servers.js';
import { writeResults } from './results-table.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    clients: { type: 'string', default: '1,100,500' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const trials = Number(values.trials);
const rounds = Number(values.rounds);
const clientCounts = values.clients.split(',').map(Number);
const serversScript = fileURLToPath(new URL('./events-servers.ts', import.meta.url));
let callSequence = 0;

interface Server {
  port: number;
  sessionId?: string;
  process: ChildProcess;
}

async function startServer(kind: 'app' | 'echo'): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', serversScript, '--serve', kind, '--database', values.database],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';

    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');

      if (buffered.includes('\n')) resolve(buffered.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });

  return { ...(JSON.parse(line) as { port: number; sessionId?: string }), process: child };
}

/** One SSE client: calls `onData` with every chunk, so a trial can spot its marker. */
interface Client {
  response: IncomingMessage;
  waitFor(marker: string): Promise<number>;
}

function openClient(server: Server, path: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        agent: false,
        headers: {
          accept: 'text/event-stream',
          ...(server.sessionId && { cookie: `sid=${server.sessionId}` }),
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${path}: HTTP ${response.statusCode}`));

          return;
        }

        let tail: Buffer = Buffer.alloc(0);
        let pending: { marker: Buffer; resolve: (at: number) => void } | undefined;

        // Raw bytes, no decoding: the client's own work must stay small next to what it times.
        response.on('data', (chunk: Buffer) => {
          const at = performance.now();

          if (
            pending &&
            (chunk.includes(pending.marker) || hasAcross(tail, chunk, pending.marker))
          ) {
            pending.resolve(at);
            pending = undefined;
          }

          tail = chunk.subarray(-64);
        });
        resolve({
          response,
          waitFor: (marker) =>
            new Promise((done) => (pending = { marker: Buffer.from(marker), resolve: done })),
        });
      },
    );

    req.on('error', reject);
    req.end();
  });
}

/** A marker split between two reads of the socket. */
function hasAcross(tail: Buffer, chunk: Buffer, marker: Buffer): boolean {
  return Buffer.concat([tail, chunk.subarray(0, marker.length)]).includes(marker);
}

function ringingBody(callId: string): string {
  return JSON.stringify({
    event: 'phone.callee_ringing',
    event_ts: Date.now(),
    payload: {
      account_id: benchAccountId,
      object: {
        call_id: callId,
        caller: {
          name: 'WIRELESS CALLER',
          phone_number: benchCallerNumber,
          connection_type: 'pstn_off_net',
        },
        callee: {
          extension_type: 'user',
          user_id: benchZoomUserId,
          name: 'Bench Agent',
          phone_number: '+16045550100',
          extension_number: 1042,
        },
        ringing_start_time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    },
  });
}

function post(port: number, path: string, body: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );

    req.on('error', reject);
    req.end(body);
  });
}

/** One trial: send, then wait until every client has the event; returns each client's ms. */
async function trial(target: 'app' | 'echo', server: Server, clients: Client[]) {
  callSequence += 1;

  const callId = String(
    7_300_000_000_000_000_000n + BigInt(Date.now()) * 1000n + BigInt(callSequence),
  );
  const body = ringingBody(callId);
  const arrivals = clients.map((client) => client.waitFor(callId));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = performance.now();
  const status = await post(server.port, target === 'app' ? '/webhooks/zoom' : '/echo', body, {
    'content-type': 'application/json; charset=utf-8',
    'x-zm-request-timestamp': timestamp,
    'x-zm-signature': signZoomPayload(benchSecret, timestamp, body),
  });

  if (status !== 200) throw new Error(`${target}: HTTP ${status}`);

  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${target}: event not delivered in 10 s`)), 10_000).unref(),
  );

  return (await Promise.race([Promise.all(arrivals), timeout])).map((at) => at - started);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

interface Figures {
  p50: number;
  p99: number;
  echoP50: number;
  echoP99: number;
}

/** One round at one client count: fresh clients, a warm-up, then alternating timed trials. */
async function measure(app: Server, echo: Server, count: number): Promise<Figures> {
  const appClients = await Promise.all(
    Array.from({ length: count }, () => openClient(app, '/api/events')),
  );
  const echoClients = await Promise.all(
    Array.from({ length: count }, () => openClient(echo, '/events')),
  );
  const samples = { app: [] as number[], echo: [] as number[] };

  // A few untimed trials warm up the JIT, the statement caches and the sockets.
  for (let index = 0; index < 5; index += 1) {
    await trial('app', app, appClients);
    await trial('echo', echo, echoClients);
  }

  for (let index = 0; index < trials; index += 1) {
    samples.app.push(...(await trial('app', app, appClients)));
    samples.echo.push(...(await trial('echo', echo, echoClients)));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  [...appClients, ...echoClients].forEach((client) => client.response.destroy());

  const ours = samples.app.sort((a, b) => a - b);
  const bare = samples.echo.sort((a, b) => a - b);

  return {
    p50: percentile(ours, 50),
    p99: percentile(ours, 99),
    echoP50: percentile(bare, 50),
    echoP99: percentile(bare, 99),
  };
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const round1 = (ms: number) => Math.round(ms * 10) / 10;

async function main() {
  const app = await startServer('app');
  const echo = await startServer('echo');
  const perRound = new Map<number, Figures[]>(clientCounts.map((count) => [count, []]));

  try {
    for (let round = 1; round <= rounds; round += 1) {
      for (const count of clientCounts) {
        const figures = await measure(app, echo, count);

        perRound.get(count)?.push(figures);
        console.warn(
          `round ${round}, ${count} clients: ` +
            `p50 ${round1(figures.p50)} ms, p99 ${round1(figures.p99)} ms ` +
            `(echo ${round1(figures.echoP50)} / ${round1(figures.echoP99)} ms)`,
        );
      }
    }
  } finally {
    app.process.kill('SIGTERM');
    echo.process.kill('SIGTERM');
  }

  // Medians over the rounds, so one noisy round on a shared machine does not decide alone.
  const figure = (count: number): Figures => {
    const all = perRound.get(count) ?? [];

    return {
      p50: median(all.map((f) => f.p50)),
      p99: median(all.map((f) => f.p99)),
      echoP50: median(all.map((f) => f.echoP50)),
      echoP99: median(all.map((f) => f.echoP99)),
    };
  };
  const rows = clientCounts.flatMap((count) => {
    const f = figure(count);
    const clients = `${count} client${count === 1 ? '' : 's'}`;

    return [
      {
        figure: `median ms, ${clients}`,
        ours: round1(f.p50),
        baseline: round1(f.echoP50),
        goal: '—',
        met: true,
      },
      {
        figure: `p99 ms, ${clients}`,
        ours: round1(f.p99),
        baseline: round1(f.echoP99),
        goal: count === 500 ? '≤ 500 ms' : '—',
        met: count === 500 ? f.p99 <= 500 : true,
      },
    ];
  });
  const most = figure(Math.max(...clientCounts));
  const fewest = figure(Math.min(...clientCounts));
  const growth = most.p99 / Math.max(fewest.p99, 0.1);

  rows.push({
    figure: `p99 at ${Math.max(...clientCounts)} ÷ p99 at ${Math.min(...clientCounts)}`,
    ours: Math.round(growth * 100) / 100,
    baseline: Math.round((most.echoP99 / Math.max(fewest.echoP99, 0.1)) * 100) / 100,
    goal: '≤ 2.00',
    met: growth <= 2,
  });

  writeResults(
    `events-${values.database}`,
    `Screen-pop latency (${values.database}): signed callee_ringing request start → ` +
      `\`call\` event at every client. Medians of ${rounds} rounds × ${trials} trials per ` +
      'client count, alternating trial by trial with a bare node:http SSE echo (baseline)',
    rows,
  );
}

await main();
