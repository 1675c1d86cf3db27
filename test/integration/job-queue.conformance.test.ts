import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PermanentJobError,
  RetryLaterError,
  type JobQueue,
  type JobState,
} from '../../src/jobs/job-queue.js';
import { insertJob } from '../../src/jobs/job-ledger.js';
import { conformanceQueue, skewedJobName, stuckJobName } from '../support/conformance-queue.js';
import { waitFor } from '../support/test-app.js';
import { openTestDatabase, testDialect, type TestDatabase } from '../support/test-database.js';

// One contract, two engines: this file runs against the in-database queue in the sqlite
// project and against graphile-worker in the postgres project.
let database: TestDatabase;
const queues: JobQueue[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.stop()));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database.close();
});

async function aQueue(options: Parameters<typeof conformanceQueue>[2] = {}) {
  const queue = await conformanceQueue(database, database.url, options);

  queues.push(queue);

  return queue;
}

async function settledAs(queue: JobQueue, key: string, state: JobState, timeoutMs = 10_000) {
  return waitFor(async () => {
    const job = await queue.findByKey(key);

    return job?.state === state ? job : undefined;
  }, timeoutMs);
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });

  return { open, opened };
}

describe(`the job queue contract (${testDialect()})`, () => {
  it('keeps the first job of a key, also after it finished', async () => {
    const queue = await aQueue();
    const runs: unknown[] = [];

    queue.register('conformance.key', async ({ payload }) => {
      runs.push(payload.n);
    });
    queue.start();

    const first = await queue.enqueue({ name: 'conformance.key', payload: { n: 1 }, key: 'k-1' });
    const again = await queue.enqueue({ name: 'conformance.key', payload: { n: 2 }, key: 'k-1' });

    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    await settledAs(queue, 'k-1', 'done');
    expect(
      await queue.enqueue({ name: 'conformance.key', payload: { n: 3 }, key: 'k-1' }),
    ).toBeNull();
    await queue.enqueue({ name: 'conformance.key', payload: { n: 4 }, key: 'k-2' });
    await settledAs(queue, 'k-2', 'done');
    expect(runs).toEqual([1, 4]);
  });

  it('a job added inside a transaction exists, and runs, only if the transaction commits', async () => {
    const queue = await aQueue();
    const runs: unknown[] = [];

    queue.register('conformance.trx', async ({ payload }) => {
      runs.push(payload.event);
    });
    queue.start();
    // The webhook inbox's way: its event row and the job commit together or not at all.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await insertJob(
          trx,
          { name: 'conformance.trx', payload: { event: 'lost' }, key: 'trx-lost' },
          Date.now(),
        );
        throw new Error('storing the event failed');
      }),
    ).rejects.toThrow('storing the event failed');
    await database.db
      .transaction()
      .execute((trx) =>
        insertJob(
          trx,
          { name: 'conformance.trx', payload: { event: 'kept' }, key: 'trx-kept' },
          Date.now(),
        ),
      );

    await settledAs(queue, 'trx-kept', 'done');
    expect(await queue.findByKey('trx-lost')).toBeUndefined();
    expect(runs).toEqual(['kept']);
  });

  it('retries a failing job with backoff up to its maximum, then fails it keeping the last error', async () => {
    const queue = await aQueue();
    const attempts: number[] = [];

    queue.register('conformance.flaky', async ({ attempt }) => {
      attempts.push(attempt);
      throw new Error(`Zoom said 500 on attempt ${attempt}`);
    });
    queue.start();
    await queue.enqueue({ name: 'conformance.flaky', payload: {}, key: 'flaky', maxAttempts: 3 });

    const failed = await settledAs(queue, 'flaky', 'failed');

    expect(attempts).toEqual([1, 2, 3]);
    expect(failed).toMatchObject({
      attempts: 3,
      maxAttempts: 3,
      lastError: 'Zoom said 500 on attempt 3',
    });
  });

  it('a job that fails once and then works ends done, its error cleared', async () => {
    const queue = await aQueue();

    queue.register('conformance.once', async ({ attempt }) => {
      if (attempt === 1) throw new Error('first try fails');
    });
    queue.start();
    await queue.enqueue({ name: 'conformance.once', payload: {}, key: 'once', maxAttempts: 3 });

    expect(await settledAs(queue, 'once', 'done')).toMatchObject({ attempts: 2, lastError: null });
  });

  it('RetryLaterError parks the job until its time without using an attempt', async () => {
    const queue = await aQueue();
    const runs: { attempt: number; at: number }[] = [];
    let resumeAt = 0;

    queue.register('conformance.later', async ({ attempt }) => {
      runs.push({ attempt, at: Date.now() });

      if (runs.length === 1) {
        resumeAt = Date.now() + 300;
        throw new RetryLaterError(resumeAt, 'Zoom daily limit');
      }
    });
    queue.start();
    await queue.enqueue({ name: 'conformance.later', payload: {}, key: 'later', maxAttempts: 1 });

    const done = await settledAs(queue, 'later', 'done');

    // maxAttempts 1: had the wait counted, the second run would not have happened.
    expect(done.attempts).toBe(1);
    expect(runs.map((run) => run.attempt)).toEqual([1, 1]);
    expect(runs[1]!.at).toBeGreaterThanOrEqual(resumeAt);
  });

  it('PermanentJobError fails the job at once, with its message', async () => {
    const queue = await aQueue();
    let runs = 0;

    queue.register('conformance.permanent', async () => {
      runs += 1;
      throw new PermanentJobError('meeting no longer exists at Zoom');
    });
    queue.start();
    await queue.enqueue({
      name: 'conformance.permanent',
      payload: {},
      key: 'permanent',
      maxAttempts: 5,
    });

    expect(await settledAs(queue, 'permanent', 'failed')).toMatchObject({
      attempts: 1,
      lastError: 'meeting no longer exists at Zoom',
    });
    expect(runs).toBe(1);
  });

  it('does not run a scheduled job before its runAt', async () => {
    const queue = await aQueue();
    let ranAt = 0;

    queue.register('conformance.scheduled', async () => {
      ranAt = Date.now();
    });
    queue.start();

    const runAt = Date.now() + 400;

    await queue.enqueue({ name: 'conformance.scheduled', payload: {}, key: 'scheduled', runAt });
    expect((await queue.findByKey('scheduled'))?.state).toBe('queued');
    await settledAs(queue, 'scheduled', 'done');
    expect(ranAt).toBeGreaterThanOrEqual(runAt);
  });

  it('a job whose worker was killed mid-run is picked up again by another worker', async () => {
    const setup = await aQueue();

    await setup.enqueue({ name: stuckJobName, payload: {}, key: 'stuck' });

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/stuck-job-child.ts'], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });

    children.push(child);

    const started = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk) => String(chunk).includes('started') && resolve());
      child.once('exit', (code) => reject(new Error(`the worker exited early (${code})`)));
    });

    await started;
    expect(await setup.findByKey('stuck')).toMatchObject({ state: 'running', attempts: 1 });
    child.kill('SIGKILL');

    const survivor = await aQueue();
    let finishedBySurvivor = 0;

    survivor.register(stuckJobName, async () => {
      finishedBySurvivor += 1;
    });
    survivor.start();

    expect(await settledAs(survivor, 'stuck', 'done', 20_000)).toMatchObject({ attempts: 2 });
    expect(finishedBySurvivor).toBe(1);
  });

  // A SQLite file is served by one machine, so all its processes share one clock.
  it.skipIf(testDialect() !== 'postgres')(
    'a worker whose clock runs 90 s ahead does not take a job a live worker holds (PostgreSQL)',
    async () => {
      const holder = await aQueue();
      let release = () => {};
      let runs = 0;
      const running = new Promise<void>((resolve) => {
        holder.register(skewedJobName, async () => {
          runs += 1;
          resolve();
          await new Promise<void>((done) => (release = done));
        });
      });

      holder.start();
      await holder.enqueue({ name: skewedJobName, payload: {}, key: 'skewed' });
      await running;

      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--import',
          './test/support/clock-ahead.ts',
          'test/support/skewed-worker-child.ts',
        ],
        {
          env: { ...process.env, DATABASE_URL: database.url, CLOCK_AHEAD_MS: '90000' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let output = '';

      children.push(child);
      child.stdout!.on('data', (chunk) => (output += String(chunk)));
      await waitFor(async () => output.includes('ready'), 30_000);
      // Three leases (1 s each, renewed every third of one) in which the fast clock would see
      // the holder's lease as long run out, were leases read by each process's own clock.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      release();

      expect(await settledAs(holder, 'skewed', 'done', 10_000)).toMatchObject({ attempts: 1 });
      expect(output).not.toContain('started');
      expect(runs).toBe(1);
    },
  );

  it('never runs one job twice at once, with two workers taking many jobs', async () => {
    const workers = [await aQueue({ concurrency: 4 }), await aQueue({ concurrency: 4 })];
    const running = new Set<string>();
    const runsPerJob = new Map<string, number>();
    let overlaps = 0;

    for (const worker of workers) {
      worker.register('conformance.crowd', async ({ payload }) => {
        const n = String(payload.n);

        if (running.has(n)) overlaps += 1;
        running.add(n);
        runsPerJob.set(n, (runsPerJob.get(n) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 15));
        running.delete(n);
      });
      worker.start();
    }

    for (let n = 0; n < 40; n += 1) {
      await workers[n % 2]!.enqueue({
        name: 'conformance.crowd',
        payload: { n },
        key: `crowd-${n}`,
      });
    }

    await waitFor(async () => {
      const done = await workers[0]!.list({ name: 'conformance.crowd', states: ['done'] });

      return done.length === 40;
    }, 20_000);
    expect(overlaps).toBe(0);
    expect([...runsPerJob.values()].every((runs) => runs === 1)).toBe(true);
    expect(runsPerJob.size).toBe(40);
  });

  it('cancelForUser cancels the user’s queued jobs, and a running one is not retried', async () => {
    const queue = await aQueue();
    const release = gate();
    const started = gate();
    const runs: string[] = [];

    queue.register('conformance.user', async ({ payload }) => {
      runs.push(String(payload.label));

      if (payload.label === 'running') {
        started.open();
        await release.opened;
        throw new Error('failed after the cancel');
      }
    });
    queue.start();
    await queue.enqueue({
      name: 'conformance.user',
      payload: { label: 'running' },
      key: 'u-running',
      userId: 'agent-1',
      maxAttempts: 5,
    });
    await started.opened;

    const soon = Date.now() + 300;

    await queue.enqueue({
      name: 'conformance.user',
      payload: { label: 'queued' },
      key: 'u-queued',
      userId: 'agent-1',
      runAt: soon,
    });
    await queue.enqueue({
      name: 'conformance.user',
      payload: { label: 'other agent' },
      key: 'u-other',
      userId: 'agent-2',
      runAt: soon,
    });

    expect(await queue.cancelForUser('agent-1')).toBe(2);
    release.open();
    // A later job done means the queue had every chance to run or retry the cancelled ones.
    await settledAs(queue, 'u-other', 'done');
    await queue.enqueue({
      name: 'conformance.user',
      payload: { label: 'sentinel' },
      key: 'u-sentinel',
      runAt: Date.now() + 400,
    });
    await settledAs(queue, 'u-sentinel', 'done');

    expect(runs.sort()).toEqual(['other agent', 'running', 'sentinel']);
    expect(await queue.findByKey('u-running')).toMatchObject({ state: 'cancelled', attempts: 1 });
    expect(await queue.findByKey('u-queued')).toMatchObject({ state: 'cancelled', attempts: 0 });
  });

  it('stop() stops taking jobs and waits for the running one to finish', async () => {
    const queue = await aQueue();
    const started = gate();
    const events: string[] = [];

    queue.register('conformance.slow', async ({ payload }) => {
      events.push(`start ${payload.n}`);
      started.open();
      await new Promise((resolve) => setTimeout(resolve, 300));
      events.push(`finish ${payload.n}`);
    });
    queue.start();
    await queue.enqueue({ name: 'conformance.slow', payload: { n: 1 }, key: 'slow-1' });
    await started.opened;
    await queue.stop().then(() => events.push('stopped'));
    await queue.enqueue({ name: 'conformance.slow', payload: { n: 2 }, key: 'slow-2' });

    expect(events).toEqual(['start 1', 'finish 1', 'stopped']);
    expect(await queue.findByKey('slow-1')).toMatchObject({ state: 'done' });
    expect(await queue.findByKey('slow-2')).toMatchObject({ state: 'queued' });
  });

  it('stop() hands a job that outlasts its wait back to the other workers at once', async () => {
    // A lease far longer than the test may take: only handing back can free the job in time.
    const stopping = await aQueue({ leaseMs: 120_000, stopWaitMs: 300 });
    const started = gate();

    stopping.register('conformance.endless', async () => {
      started.open();
      await new Promise(() => {});
    });
    stopping.start();
    await stopping.enqueue({ name: 'conformance.endless', payload: {}, key: 'endless' });
    await started.opened;
    await stopping.stop();

    const other = await aQueue({ leaseMs: 120_000 });
    let finishedElsewhere = 0;

    other.register('conformance.endless', async () => {
      finishedElsewhere += 1;
    });
    other.start();

    expect(await settledAs(other, 'endless', 'done', 15_000)).toMatchObject({ attempts: 2 });
    expect(finishedElsewhere).toBe(1);
  });
});
