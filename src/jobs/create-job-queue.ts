import type { AppConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createDbJobQueue } from './db-job-queue.js';
import { createGraphileJobQueue } from './graphile-job-queue.js';
import type { JobQueue } from './job-queue.js';

/** The job engine for the database: graphile-worker on PostgreSQL, our own queue on SQLite. */
export async function createJobQueue(
  config: Readonly<AppConfig>,
  database: DatabaseHandle,
  logger: Logger,
  clock: Clock,
): Promise<JobQueue & { wake(): void }> {
  const common = {
    db: database.db,
    logger,
    concurrency: config.JOB_CONCURRENCY,
    pollIntervalMs: config.JOB_POLL_INTERVAL_MS,
    leaseMs: config.JOB_LEASE_MS,
    clock,
  };

  if (config.database.kind === 'postgres' && database.dialect === 'postgres') {
    return createGraphileJobQueue({
      ...common,
      connectionString: config.database.url,
      appSchema: database.schema,
    });
  }

  return createDbJobQueue({ ...common, dialect: database.dialect });
}
