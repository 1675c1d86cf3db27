import type { Db } from '../../db/database.js';
import type { JobHandler, JobQueue } from '../../jobs/job-queue.js';
import { newId } from '../../lib/ids.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { findConnectionByUser } from './connections.repo.js';

/** A Zoom job that waits for a reconnect instead of failing: whose it is, and its budget. */
export interface HeldJobSpec {
  /** The CRM user the job works for, read from its payload; undefined when its row is gone. */
  ownerOf(db: Db, payload: Record<string, unknown>): Promise<string | undefined>;
  /** The attempts it gets when queued again, as its own enqueue gives it. */
  maxAttempts: number;
}

interface HoldOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  specs: Readonly<Record<string, HeldJobSpec>>;
}

/**
 * A dead grant ("Reconnect needed") makes every Zoom job of that user fail the same way, each
 * burning its retries and leaving its own failure behind. Wrapped here, a job first looks at
 * its user's connection: when the grant is dead it is parked in `jobs_awaiting_reconnect` and
 * ends quietly, and `resumeHeldJobs` queues it again once the agent reconnects.
 *
 * The job that discovers the dead grant reports "Reconnect needed" its own way (it could not
 * know before asking Zoom), then waits like the ones after it.
 * Everything goes through the JobQueue interface: the decorated queue answers every call of
 * the inner one, with the listed jobs' handlers wrapped.
 */
export function withReconnectHold<Q extends JobQueue>(queue: Q, options: HoldOptions): Q {
  const register = (name: string, handler: JobHandler) => {
    const spec = options.specs[name];

    queue.register(name, spec ? holding(name, spec, handler, queue, options) : handler);
  };

  // A proxy rather than a copy, so an engine written as a class (private fields, methods on
  // the prototype) keeps working: every other member is the engine's own, bound to it.
  return new Proxy(queue, {
    get(target, property) {
      if (property === 'register') return register;

      const value: unknown = Reflect.get(target, property, target);

      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function holding(
  name: string,
  spec: HeldJobSpec,
  handler: JobHandler,
  queue: JobQueue,
  options: HoldOptions,
): JobHandler {
  const { db, clock, logger } = options;

  async function hold(job: Parameters<JobHandler>[0], userId: string) {
    await db
      .insertInto('jobs_awaiting_reconnect')
      .values({
        id: newId(),
        user_id: userId,
        job_name: name,
        payload: JSON.stringify(job.payload),
        max_attempts: spec.maxAttempts,
        held_at: clock.now(),
      })
      .execute();
    logger.info({ jobId: job.jobId, userId, job: name }, 'zoom job waits for a reconnect');

    // The agent may have reconnected between our look and the insert: then nobody else will
    // resume this one.
    const now = await findConnectionByUser(db, userId);

    if (now?.status === 'connected') await resumeHeldJobs({ db, jobs: queue, logger }, userId);
  }

  return async (job) => {
    const userId = await spec.ownerOf(db, job.payload);
    const connection = userId ? await findConnectionByUser(db, userId) : undefined;

    if (!userId) return handler(job);

    if (connection?.status === 'needs_reconnect') return hold(job, userId);

    try {
      return await handler(job);
    } catch (error) {
      // This run is the one that found the grant dead: it has shown its own failure (a
      // voicemail "failed: Zoom needs reconnecting") and now waits with the others, so a
      // reconnect finishes it without the agent pressing Retry.
      const after = await findConnectionByUser(db, userId);

      if (after?.status !== 'needs_reconnect') throw error;

      return hold(job, userId);
    }
  };
}

/**
 * Queues the user's held Zoom work again, oldest first, after a reconnect. Each held row gives
 * its job a key of its own, so two processes resuming at once queue it once; the row goes only
 * after its job is queued, so a crash in between repeats the enqueue, never loses the work.
 */
export async function resumeHeldJobs(
  context: { db: Db; jobs: JobQueue; logger: Logger },
  userId: string,
): Promise<number> {
  const rows = await context.db
    .selectFrom('jobs_awaiting_reconnect')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('held_at')
    .execute();

  for (const row of rows) {
    await context.jobs.enqueue({
      name: row.job_name,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      key: `resumed:${row.id}`,
      maxAttempts: row.max_attempts,
      userId,
    });
    await context.db.deleteFrom('jobs_awaiting_reconnect').where('id', '=', row.id).execute();
  }

  if (rows.length > 0) {
    context.logger.info({ userId, resumed: rows.length }, 'held zoom jobs resumed');
  }

  return rows.length;
}

/** A disconnect or an uninstall ends the wait: that work is not wanted any more. */
export async function dropHeldJobs(db: Db, userId: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs_awaiting_reconnect')
    .where('user_id', '=', userId)
    .executeTakeFirst();

  return Number(result.numDeletedRows);
}
