import {
  Logger as GraphileLogger,
  run,
  runMigrations,
  type Runner,
  type Task,
} from 'graphile-worker';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createLedgerTask } from './graphile-task.js';
import { repairGraphileJobs } from './graphile-repair.js';
import {
  findJobByKey,
  graphileSchema as schema,
  graphileTaskName,
  insertJob,
  listJobs,
} from './job-ledger.js';
import type { JobHandler, JobQueue, JobRequest } from './job-queue.js';

export interface GraphileJobQueueOptions {
  db: Db;
  /** The same database as `db`; graphile-worker keeps a small pool of its own (LISTEN needs one). */
  connectionString: string;
  /** The app's schema (search_path); graphile's task names carry it (job-ledger.ts). */
  appSchema: string | undefined;
  logger: Logger;
  concurrency?: number;
  pollIntervalMs?: number;
  /**
   * How long a running job stays ours without news from us, in real time. The handler renews it
   * every third of this; a worker that dies lets its job go within about one lease.
   */
  leaseMs?: number;
  /** How long stop() waits for running jobs before handing them back (default 10 s). */
  stopWaitMs?: number;
  backoff?: { baseMs: number; capMs: number };
  clock?: Clock;
}

const defaultStopWaitMs = 10_000;

/**
 * The app's job engine on PostgreSQL: graphile-worker claims jobs (SKIP LOCKED), wakes workers
 * at once through LISTEN/NOTIFY, and runs them at their time. The ledger (`jobs`, see
 * job-ledger.ts) holds what graphile does not: a key that stays taken, the user to cancel for,
 * attempts, the last error after a job failed for good. A task first claims its ledger row, so
 * two graphile jobs for one row (possible after a crash) never run it at the same time.
 */
export async function createGraphileJobQueue(
  options: GraphileJobQueueOptions,
): Promise<JobQueue & { wake(): void }> {
  const { db, logger, connectionString } = options;
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? 4;
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const leaseMs = options.leaseMs ?? 30_000;
  const stopWaitMs = options.stopWaitMs ?? defaultStopWaitMs;
  const taskOf = (name: string) => graphileTaskName(options.appSchema, name);
  const graphileLogger = graphileLoggerFor(logger);
  const handlers = new Map<string, JobHandler>();
  let runner: Promise<Runner> | undefined;
  let repairTimer: NodeJS.Timeout | undefined;
  let repairing: Promise<unknown> | null = null;

  const runTask = createLedgerTask({
    db,
    clock,
    logger,
    leaseMs,
    handlers,
    taskOf,
    ...(options.backoff && { backoff: options.backoff }),
  });

  // Installed before the app serves: the webhook inbox adds graphile jobs even where none run.
  await migrateOnce(connectionString, schema, graphileLogger);

  function repair() {
    if (repairing) return repairing;

    repairing = repairGraphileJobs(db, options.appSchema, [...handlers.keys()], {
      appNow: clock.now(),
      leaseMs,
    })
      .catch((error: unknown) => logger.warn({ err: error }, 'job repair failed'))
      .finally(() => {
        repairing = null;
      });

    return repairing;
  }

  // wake() follows every enqueue (a webhook, say), but add_job's NOTIFY already wakes the
  // workers; the sweep only matters for jobs made due by the app's clock or left by a dead
  // worker. So a process that runs no jobs sweeps nothing, and one that does sweeps at most
  // once per interval however many wakes arrive, the last wake still answered.
  const wakeIntervalMs = 250;
  let lastWakeSweep = 0;
  let wakeTimer: NodeJS.Timeout | undefined;

  function sweepOnWake() {
    if (!runner || wakeTimer) return;

    const wait = lastWakeSweep + wakeIntervalMs - Date.now();

    wakeTimer = setTimeout(
      () => {
        wakeTimer = undefined;
        lastWakeSweep = Date.now();
        void repair();
      },
      Math.max(0, wait),
    );
    wakeTimer.unref();
  }

  return {
    async enqueue(request: JobRequest) {
      // insertJob adds the graphile job too; add_job's NOTIFY wakes a worker at once.
      return insertJob(db, request, clock.now());
    },

    register(name, handler) {
      handlers.set(name, handler);
    },

    start() {
      if (runner) return;

      const taskList: Record<string, Task> = {};

      for (const name of handlers.keys()) {
        taskList[taskOf(name)] = async (payload, helpers) => {
          const jobId = (payload as { jobId?: unknown } | null)?.jobId;

          if (typeof jobId !== 'string') throw new Error('graphile job without a ledger id');

          await runTask(jobId, String(helpers.job.id));
        };
      }

      runner = run({
        connectionString,
        schema,
        concurrency,
        pollInterval: pollIntervalMs,
        maxPoolSize: concurrency + 2,
        noHandleSignals: true,
        logger: graphileLogger,
        taskList,
        // No crontab: graphile would otherwise read ./crontab from the working directory.
        parsedCronItems: [],
        preset: { worker: { gracefulShutdownAbortTimeout: stopWaitMs } },
      });
      runner.catch((error: unknown) => logger.error({ err: error }, 'graphile worker failed'));
      // Not unref'd: in a worker-only process this timer keeps the process alive.
      repairTimer = setInterval(() => void repair(), Math.max(pollIntervalMs, 250));
    },

    wake() {
      sweepOnWake();
    },

    async stop() {
      clearInterval(repairTimer);
      repairTimer = undefined;
      clearTimeout(wakeTimer);
      wakeTimer = undefined;

      const started = runner;

      runner = undefined;
      await repairing;

      if (!started) return;

      const stopping = started.then((r) => r.stop());

      // Bounded: graphile waits for running jobs up to stopWaitMs, then gives them back. The
      // guard timer is unref'd so it never keeps a process alive by itself.
      let guard: NodeJS.Timeout | undefined;

      const stoppedInTime = await Promise.race([
        stopping.then(
          () => true,
          () => true,
        ),
        new Promise<boolean>((resolve) => {
          guard = setTimeout(() => resolve(false), stopWaitMs);
          guard.unref();
        }),
      ]);

      clearTimeout(guard);

      // Jobs that outlast the wait go back to the other workers now, not a lease later.
      if (!stoppedInTime) await runTask.handBack();
    },

    async cancelForUser(userId) {
      return db.transaction().execute(async (trx) => {
        const cancelled = await trx
          .updateTable('jobs')
          .set({ state: 'cancelled', updated_at: clock.now() })
          .where('user_id', '=', userId)
          .where('state', 'in', ['queued', 'running'])
          .returning('id')
          .execute();

        // remove_job deletes a waiting graphile job; a running one keeps running, loses its key
        // and is not retried (and its ledger row stays cancelled).
        for (const { id } of cancelled) {
          await sql`select ${sql.id(schema, 'remove_job')}(${id}::text)`.execute(trx);
        }

        return cancelled.length;
      });
    },

    findByKey: (key) => findJobByKey(db, key),
    list: (filter) => listJobs(db, filter),
  };
}

/** Graphile's migrations, one process at a time (two starting together must not both run them). */
async function migrateOnce(connectionString: string, schema: string, logger: GraphileLogger) {
  const client = new pg.Client({ connectionString });

  await client.connect();

  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await runMigrations({ connectionString, schema, logger });
  } finally {
    await client.end();
  }
}

/** Graphile's log lines into ours, one level quieter: its routine chatter is debug for us. */
function graphileLoggerFor(logger: Logger): GraphileLogger {
  const log = logger.child({ component: 'graphile-worker' });

  return new GraphileLogger(() => (level, message) => {
    if (level === 'error') log.error(message);
    else if (level === 'warning') log.warn(message);
    else log.debug(message);
  });
}
