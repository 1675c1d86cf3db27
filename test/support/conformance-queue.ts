import type { DatabaseHandle } from '../../src/db/database.js';
import { createDbJobQueue } from '../../src/jobs/db-job-queue.js';
import { createGraphileJobQueue } from '../../src/jobs/graphile-job-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/lib/logger.js';

/** The job stuck-job-child.ts takes and never finishes. */
export const stuckJobName = 'conformance.dead_worker';

/** The job skewed-worker-child.ts takes, from a process whose clock runs ahead. */
export const skewedJobName = 'conformance.skewed_clock';

/**
 * The engine the app picks for this database (graphile-worker on PostgreSQL, the in-database
 * queue on SQLite), with short waits so the conformance suite runs in seconds: a 1 s lease,
 * backoff of tens of milliseconds, polling every 50 ms.
 */
export async function conformanceQueue(
  database: DatabaseHandle,
  url: string,
  options: { concurrency?: number; leaseMs?: number; stopWaitMs?: number } = {},
): Promise<JobQueue> {
  const common = {
    db: database.db,
    logger: createLogger(process.env.QUEUE_LOG_LEVEL ?? 'silent'),
    concurrency: options.concurrency ?? 4,
    pollIntervalMs: 50,
    leaseMs: options.leaseMs ?? 1000,
    ...(options.stopWaitMs !== undefined && { stopWaitMs: options.stopWaitMs }),
    backoff: { baseMs: 20, capMs: 60 },
  };

  if (database.dialect === 'postgres') {
    return createGraphileJobQueue({ ...common, connectionString: url, appSchema: database.schema });
  }

  return createDbJobQueue({ ...common, dialect: 'sqlite' });
}
