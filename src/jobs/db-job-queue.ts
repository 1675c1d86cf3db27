import { hostname } from 'node:os';
import type { Db, DbDialect } from '../db/database.js';
import { newId } from '../lib/ids.js';
import { findJobByKey, finishLedgerRow, insertJob, listJobs } from './job-ledger.js';
import type { Logger } from '../lib/logger.js';
import { sleep, systemClock, type Clock } from '../lib/clock.js';
import { backoffDelayMs } from './backoff.js';
import {
  PermanentJobError,
  RetryLaterError,
  type JobHandler,
  type JobQueue,
  type JobRequest,
} from './job-queue.js';

export interface DbJobQueueOptions {
  db: Db;
  dialect: DbDialect;
  logger: Logger;
  concurrency?: number;
  pollIntervalMs?: number;
  /**
   * How long a claimed job stays ours without news from us. A running job renews it every
   * third of this, so a worker that dies lets its job go within one lease.
   */
  leaseMs?: number;
  /** How long stop() waits for running jobs before handing them back (default 10 s). */
  stopWaitMs?: number;
  backoff?: { baseMs: number; capMs: number };
  clock?: Clock;
}

// Callers that write a job inside their own transaction (the back-fill) import it from here.
export { insertJob };

const defaultStopWaitMs = 10_000;

/**
 * A job queue in the app's own database, the app's engine on SQLite. Claiming is one UPDATE
 * of the oldest due row, so two workers never take the same job: SQLite serialises writers.
 * A job whose lease ran out (its worker crashed) is due again. PostgreSQL uses
 * graphile-job-queue.ts: insertJob adds a graphile job there, which this queue would never
 * take; the SKIP LOCKED below is from when it ran on PostgreSQL too.
 */
export function createDbJobQueue(options: DbJobQueueOptions): JobQueue & { wake(): void } {
  const { db, dialect, logger } = options;
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const leaseMs = options.leaseMs ?? 30_000;
  const stopWaitMs = options.stopWaitMs ?? defaultStopWaitMs;
  const workerId = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
  const handlers = new Map<string, JobHandler>();
  const running = new Set<Promise<void>>();
  // The heartbeat of each job running here, by job id, so a shutdown can hand them back.
  const heartbeats = new Map<string, NodeJS.Timeout>();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let pumping: Promise<void> | null = null;
  let pumpAgain = false;

  async function claim() {
    const now = clock.now();
    const names = [...handlers.keys()];

    if (names.length === 0) return undefined;

    return db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: workerId,
        locked_until: now + leaseMs,
        updated_at: now,
      }))
      .where('id', '=', (eb) => {
        const due = eb
          .selectFrom('jobs')
          .select('id')
          .where('name', 'in', names)
          .where((w) =>
            w.or([
              w.and([w('state', '=', 'queued'), w('run_at', '<=', now)]),
              w.and([w('state', '=', 'running'), w('locked_until', '<', now)]),
            ]),
          )
          .orderBy('run_at')
          .limit(1);

        return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
      })
      .returningAll()
      .executeTakeFirst();
  }

  const finish = (jobId: string, outcome: Record<string, unknown>) =>
    finishLedgerRow(db, jobId, workerId, outcome, clock.now());

  async function runOne(job: NonNullable<Awaited<ReturnType<typeof claim>>>) {
    const log = logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    const handler = handlers.get(job.name);
    const started = clock.now();
    const heartbeat = setInterval(() => {
      void db
        .updateTable('jobs')
        .set({ locked_until: clock.now() + leaseMs })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute()
        .catch((error: unknown) => log.warn({ err: error }, 'job lease renewal failed'));
    }, leaseMs / 3);

    heartbeat.unref();
    heartbeats.set(job.id, heartbeat);

    try {
      if (!handler) throw new PermanentJobError(`No handler for job ${job.name}`);

      await handler({ jobId: job.id, attempt: job.attempts, payload: JSON.parse(job.payload) });
      await finish(job.id, { state: 'done', last_error: null });
      log.debug({ durationMs: clock.now() - started }, 'job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);

      if (error instanceof RetryLaterError) {
        // Waiting for a known reset time is not a failed attempt.
        await finish(job.id, {
          state: 'queued',
          run_at: error.runAt,
          attempts: job.attempts - 1,
          last_error: message,
        });
        log.warn({ runAt: new Date(error.runAt).toISOString() }, 'job parked until a reset time');
        wakeAt(error.runAt);

        return;
      }

      const permanent = error instanceof PermanentJobError;

      if (permanent || job.attempts >= job.max_attempts) {
        await finish(job.id, { state: 'failed', last_error: message });
        log.error({ err: error }, 'job failed');

        return;
      }

      const delay = backoffDelayMs(job.attempts, options.backoff);

      await finish(job.id, { state: 'queued', run_at: clock.now() + delay, last_error: message });
      log.warn({ err: error, retryInMs: delay }, 'job will be retried');
      wakeAt(clock.now() + delay);
    } finally {
      clearInterval(heartbeat);
      heartbeats.delete(job.id);
    }
  }

  /** A job due again soon is picked up on time rather than at the next poll. */
  function wakeAt(when: number) {
    const delay = when - clock.now();

    if (delay > 0 && delay < 5 * 60_000) {
      setTimeout(() => started && void pump(), delay + 5).unref();
    }
  }

  async function pumpOnce() {
    do {
      pumpAgain = false;

      while (started && running.size < concurrency) {
        const job = await claim();

        if (!job) break;

        const run = runOne(job).finally(() => {
          running.delete(run);
          if (started) void pump();
        });

        running.add(run);
      }
    } while (pumpAgain && started);
  }

  function pump(): Promise<void> {
    if (pumping) {
      pumpAgain = true;

      return pumping;
    }

    pumping = pumpOnce()
      .catch((error: unknown) => logger.error({ err: error }, 'job claim failed'))
      .finally(() => {
        pumping = null;
      });

    return pumping;
  }

  return {
    async enqueue(request: JobRequest) {
      const id = await insertJob(db, request, clock.now());

      if (id && started) void pump();

      return id;
    },

    register(name, handler) {
      handlers.set(name, handler);
    },

    start() {
      if (started) return;

      started = true;
      // Not unref'd: in a worker-only process this timer is what keeps the process alive.
      timer = setInterval(() => void pump(), pollIntervalMs);
      void pump();
    },

    wake() {
      void pump();
    },

    async stop() {
      started = false;
      clearInterval(timer);
      // A claim in flight may still start a job; wait for it before waiting for the jobs.
      await pumping;
      // Bounded: a job stuck on a slow call must not hold shutdown forever. Whatever is still
      // running then is handed back: its lease ends now, so another worker takes it at once.
      await Promise.race([Promise.allSettled([...running]), sleep(stopWaitMs)]);

      const unfinished = [...heartbeats.keys()];

      for (const [jobId, heartbeat] of heartbeats) {
        clearInterval(heartbeat);
        heartbeats.delete(jobId);
      }

      if (unfinished.length > 0) {
        await db
          .updateTable('jobs')
          .set({ locked_until: clock.now() })
          .where('id', 'in', unfinished)
          .where('locked_by', '=', workerId)
          .where('state', '=', 'running')
          .execute();
        logger.warn({ jobIds: unfinished }, 'jobs still running at shutdown handed back');
      }
    },

    async cancelForUser(userId) {
      const result = await db
        .updateTable('jobs')
        .set({ state: 'cancelled', updated_at: clock.now() })
        .where('user_id', '=', userId)
        .where('state', 'in', ['queued', 'running'])
        .executeTakeFirst();

      return Number(result.numUpdatedRows);
    },

    findByKey: (key) => findJobByKey(db, key),
    list: (filter) => listJobs(db, filter),
  };
}
