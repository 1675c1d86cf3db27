import type { Db } from '../db/database.js';

export interface QueueDepth {
  /** Jobs by engine state (queued, running, failed, ...), across every instance. */
  jobsByState: { state: string; count: number }[];
  /** Stored webhooks no job has finished with yet. */
  webhooksPending: number;
  /** Age of the oldest of those, in seconds; 0 when none is pending. */
  oldestPendingWebhookSeconds: number;
}

/**
 * Reads the queue's depth from the database at scrape time, so every instance reports the same
 * shared numbers. This is the one place that knows the job engine's tables: it reads the
 * built-in engine's `jobs` table (db-job-queue.ts), and an engine that keeps its jobs elsewhere
 * (graphile-worker's own schema) changes this function only.
 */
export async function readQueueDepth(db: Db, now: number): Promise<QueueDepth> {
  const jobs = await db
    .selectFrom('jobs')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('state')
    .execute();
  const pending = await db
    .selectFrom('webhook_inbox')
    .select([
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.min('received_at').as('oldest'),
    ])
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const oldest = pending?.oldest === null || pending?.oldest === undefined ? now : pending.oldest;

  return {
    jobsByState: jobs.map((row) => ({ state: row.state, count: Number(row.count) })),
    webhooksPending: Number(pending?.count ?? 0),
    oldestPendingWebhookSeconds: Math.max(0, (now - Number(oldest)) / 1000),
  };
}
