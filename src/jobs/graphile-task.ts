import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { backoffDelayMs } from './backoff.js';
import { databaseNowMs, databaseNowPlusMs } from './database-clock.js';
import { addGraphileJob, finishLedgerRow } from './job-ledger.js';
import { PermanentJobError, RetryLaterError, type JobHandler } from './job-queue.js';

export interface LedgerTaskSettings {
  db: Db;
  clock: Clock;
  logger: Logger;
  leaseMs: number;
  backoff?: { baseMs: number; capMs: number };
  handlers: ReadonlyMap<string, JobHandler>;
  /** The graphile task name of a job name. */
  taskOf(name: string): string;
}

/**
 * What one graphile job does: claim its ledger row (so only one run holds a job, whatever
 * graphile jobs exist for it), run the handler with a lease renewed by the database's clock, and write the
 * outcome to the ledger. A retry or a wait is a new graphile job added in the same transaction
 * as the ledger's `queued`; this graphile job then completes, so graphile's own retries and
 * backoff only come in when the ledger could not be written at all.
 */
export function createLedgerTask(settings: LedgerTaskSettings) {
  const { db, clock, logger, leaseMs, handlers, taskOf } = settings;
  // The jobs this process is running now, so a shutdown can give them back (handBack).
  const running = new Map<string, { graphileId: string; heartbeat: NodeJS.Timeout }>();

  function delayUntil(runAt: number) {
    return runAt - clock.now();
  }

  const finish = (jobId: string, graphileId: string, outcome: Record<string, unknown>) =>
    finishLedgerRow(db, jobId, graphileId, outcome, clock.now());

  /** Queues the row's next run in the same transaction as the ledger says so. */
  async function requeue(
    job: { id: string; name: string },
    graphileId: string,
    outcome: { run_at: number; last_error: string; attempts?: number },
  ) {
    await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('jobs')
        .set({
          ...outcome,
          state: 'queued',
          locked_by: null,
          locked_until: null,
          updated_at: clock.now(),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', graphileId)
        .where('state', '=', 'running')
        .executeTakeFirst();

      if (Number(result.numUpdatedRows) === 0) return;

      await addGraphileJob(trx, {
        ledgerId: job.id,
        task: taskOf(job.name),
        delayMs: delayUntil(outcome.run_at),
      });
    });
  }

  async function claim(jobId: string, graphileId: string) {
    return db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        attempts: eb('attempts', '+', 1),
        locked_by: graphileId,
        locked_until: databaseNowPlusMs(leaseMs),
        updated_at: clock.now(),
      }))
      .where('id', '=', jobId)
      .where((w) =>
        w.or([
          w.and([w('state', '=', 'queued'), w('run_at', '<=', clock.now())]),
          w.and([
            w('state', '=', 'running'),
            // A lease run out (its worker died), or graphile retrying this very job.
            w.or([w('locked_until', '<', databaseNowMs), w('locked_by', '=', graphileId)]),
          ]),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
  }

  async function runTask(jobId: string, graphileId: string) {
    const job = await claim(jobId, graphileId);

    if (!job) {
      const row = await db
        .selectFrom('jobs')
        .select(['id', 'name', 'state', 'run_at'])
        .where('id', '=', jobId)
        .executeTakeFirst();

      // Early by the app's clock: wait for the ledger's time. Anything else (finished,
      // cancelled, held by a live run) needs nothing more from this graphile job.
      if (row?.state === 'queued') {
        await addGraphileJob(db, {
          ledgerId: row.id,
          task: taskOf(row.name),
          delayMs: delayUntil(row.run_at),
        });
      }

      return;
    }

    const log = logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    const handler = handlers.get(job.name);
    const started = clock.now();
    const heartbeat = setInterval(() => {
      void db
        .updateTable('jobs')
        .set({ locked_until: databaseNowPlusMs(leaseMs) })
        .where('id', '=', job.id)
        .where('locked_by', '=', graphileId)
        .execute()
        .catch((error: unknown) => log.warn({ err: error }, 'job lease renewal failed'));
    }, leaseMs / 3);

    heartbeat.unref();
    running.set(job.id, { graphileId, heartbeat });

    try {
      if (!handler) throw new PermanentJobError(`No handler for job ${job.name}`);

      await handler({ jobId: job.id, attempt: job.attempts, payload: JSON.parse(job.payload) });
      await finish(job.id, graphileId, { state: 'done', last_error: null });
      log.debug({ durationMs: clock.now() - started }, 'job done');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);

      if (error instanceof RetryLaterError) {
        // Waiting for a known reset time is not a failed attempt.
        await requeue(job, graphileId, {
          run_at: error.runAt,
          attempts: job.attempts - 1,
          last_error: message,
        });
        log.warn({ runAt: new Date(error.runAt).toISOString() }, 'job parked until a reset time');

        return;
      }

      if (error instanceof PermanentJobError || job.attempts >= job.max_attempts) {
        await finish(job.id, graphileId, { state: 'failed', last_error: message });
        log.error({ err: error }, 'job failed');

        return;
      }

      const delay = backoffDelayMs(job.attempts, settings.backoff);

      await requeue(job, graphileId, { run_at: clock.now() + delay, last_error: message });
      log.warn({ err: error, retryInMs: delay }, 'job will be retried');
    } finally {
      clearInterval(heartbeat);
      running.delete(job.id);
    }
  }

  /**
   * Gives the jobs still running here back to the other workers at once, for a process about
   * to exit without waiting for them: their leases end now instead of a lease later. A run
   * that still finishes here before the exit writes nothing over the new holder's claim.
   */
  async function handBack(): Promise<number> {
    const held = [...running.entries()];

    for (const [ledgerId, { graphileId, heartbeat }] of held) {
      clearInterval(heartbeat);
      running.delete(ledgerId);
      await db
        .updateTable('jobs')
        .set({ locked_until: databaseNowMs })
        .where('id', '=', ledgerId)
        .where('locked_by', '=', graphileId)
        .where('state', '=', 'running')
        .execute();
    }

    if (held.length > 0) {
      logger.warn(
        { jobIds: held.map(([ledgerId]) => ledgerId) },
        'jobs still running at shutdown handed back to the other workers',
      );
    }

    return held.length;
  }

  return Object.assign(runTask, { handBack });
}
