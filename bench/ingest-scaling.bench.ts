// Ingest scaling on PostgreSQL: signed webhooks to one app instance, then the same total load
// split over two instances on the same database, alternating round by round. Each instance
// is a process of its own, so its CPU time is read from /proc; the machine's busy share shows
// where the limit sits (on two cores, the two instances, PostgreSQL and the load generator
// all share them). Usage: npm run bench:scaling [-- --seconds 8 --rounds 3 --connections 20]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadConfig } from '../src/config/config.js';
import { createBenchSchema } from './pg-bench-schema.js';
import { writeResults } from './results-table.js';
import { sendSignedWebhooks } from './webhook-load.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
// Linux reports process CPU time in clock ticks of 1/100 s on every common configuration.
const clockTicksPerSecond = 100;

interface Instance {
  url: string;
  child: ChildProcess;
}

function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ingest-instance.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`instance exited with ${code} before listening`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('LISTENING ')) resolve({ url: line.slice(10), child });
    });
  });
}

function stopInstance(instance: Instance): Promise<void> {
  return new Promise((resolve) => {
    instance.child.removeAllListeners('exit');
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
  });
}

/** User + system CPU time of one process so far, in ms. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);

  return (ticks * 1000) / clockTicksPerSecond;
}

/** Busy and total jiffies of the whole machine, all cores. */
function machineTicks() {
  const [, ...numbers] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const ticks = numbers.map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, value) => sum + value, 0);

  return { busy: total - idle, total };
}

async function measure(instances: Instance[]) {
  const perInstance = Math.max(1, Math.floor(connections / instances.length));
  const cpuBefore = instances.map((instance) => processCpuMs(instance.child.pid!));
  const loadBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const results = await Promise.all(
    instances.map((instance) => sendSignedWebhooks(instance.url, perInstance, seconds)),
  );
  const machineAfter = machineTicks();
  const load = process.cpuUsage(loadBefore);
  const appCpuMs = instances.reduce(
    (sum, instance, index) => sum + processCpuMs(instance.child.pid!) - cpuBefore[index]!,
    0,
  );
  const failures = results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);

  if (failures > 0) {
    throw new Error(`${failures} failed requests with ${instances.length} instances`);
  }

  const requests = results.reduce((sum, r) => sum + r.requests.total, 0);
  const machineTotal = machineAfter.total - machineBefore.total;

  return {
    requestsPerSecond: requests / seconds,
    appCpuMsPerThousand: (appCpuMs / requests) * 1000,
    machineBusyPercent: (100 * (machineAfter.busy - machineBefore.busy)) / machineTotal,
    // The machine's jiffies count every core, so a share of them is a share of all cores.
    loadGeneratorPercent:
      (100 * ((load.user + load.system) / 1000 / 1000) * clockTicksPerSecond) / machineTotal,
    p99: Math.max(...results.map((r) => r.latency.p99)),
  };
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;

async function main() {
  const schema = await createBenchSchema('scaling');
  // Migrate once up front, so the instances start on a ready schema.
  const database = openDatabase(loadConfig({ DATABASE_URL: schema.url }).database);

  await migrateToLatest(database);
  await database.close();

  const first = await startInstance(schema.url);
  const second = await startInstance(schema.url);
  const one: Awaited<ReturnType<typeof measure>>[] = [];
  const two: Awaited<ReturnType<typeof measure>>[] = [];

  try {
    for (let round = 1; round <= rounds; round += 1) {
      one.push(await measure([first]));
      two.push(await measure([first, second]));
      console.warn(
        `round ${round}: 1 instance ${one.at(-1)!.requestsPerSecond.toFixed(0)} req/s, ` +
          `2 instances ${two.at(-1)!.requestsPerSecond.toFixed(0)} req/s`,
      );
    }
  } finally {
    await Promise.all([stopInstance(first), stopInstance(second)]);
    await schema.drop();
  }

  const pick = (runs: typeof one, key: keyof (typeof one)[number]) =>
    median(runs.map((run) => run[key]));
  const rps1 = pick(one, 'requestsPerSecond');
  const rps2 = pick(two, 'requestsPerSecond');
  const cpu1 = pick(one, 'appCpuMsPerThousand');
  const cpu2 = pick(two, 'appCpuMsPerThousand');
  const busy2 = pick(two, 'machineBusyPercent');

  writeResults(
    'scaling-postgres',
    `Ingest scaling (postgres): ${connections} connections to one instance, then split over two, ` +
      `${rounds} alternating rounds × ${seconds} s, medians, ${availableParallelism()} cores`,
    [
      {
        figure: 'requests/s: two instances (ours) vs one (baseline)',
        ours: Math.round(rps2),
        baseline: Math.round(rps1),
        goal: '≥ 0.95× (more needs free cores)',
        met: rps2 >= 0.95 * rps1,
      },
      {
        figure: 'app CPU per 1,000 webhooks, ms: two instances vs one',
        ours: cpu2,
        baseline: cpu1,
        goal: '≤ 1.25× (a second instance adds little cost)',
        met: cpu2 <= 1.25 * cpu1,
      },
      {
        figure: 'machine CPU busy, %: two instances vs one',
        ours: busy2,
        baseline: pick(one, 'machineBusyPercent'),
        goal: 'reported: near 100 % means the cores are the limit',
        met: true,
      },
      {
        figure: 'load generator share of the machine, %, two instances',
        ours: pick(two, 'loadGeneratorPercent'),
        baseline: null,
        goal: 'reported',
        met: true,
      },
      {
        figure: 'p99 latency, ms: two instances vs one',
        ours: pick(two, 'p99'),
        baseline: pick(one, 'p99'),
        goal: 'reported',
        met: true,
      },
    ],
  );
}

await main();
