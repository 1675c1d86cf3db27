import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';
import type { JobFilter, JobRequest, JobState, JobView } from './job-queue.js';

/**
 * The `jobs` table is the ledger of every job on both engines: its key (unique for as long as
 * the row lives), user, state, attempts and last error. On SQLite the ledger is also the queue
 * (db-job-queue.ts). On PostgreSQL graphile-worker does the queueing; each ledger row then has
 * one graphile job whose job_key is the ledger id and whose payload is only that id
 * (graphile-job-queue.ts). Graphile forgets a job once it completes; the ledger does not, which
 * is what keeps a key taken after its job finished.
 */

export const defaultMaxAttempts = 8;

/**
 * graphile-worker's schema: one per database. Not one per app schema: a graphile install
 * announces its breaking migrations on a database-wide channel, and every graphile worker in
 * the database, whatever its schema, then shuts down (0.17.3, main.js "worker:migrate"). Test
 * files, each in its own app schema, would stop each other's workers.
 */
export const graphileSchema = 'graphile_worker';

/**
 * The graphile task for a job name: apps in other schemas of the same database (test files)
 * share graphile's schema, so each claims only tasks named after its own schema.
 */
export function graphileTaskName(appSchema: string | undefined, name: string): string {
  return !appSchema || appSchema === 'public' ? name : `${appSchema}:${name}`;
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Adds a job, or does nothing when one with the same key exists; returns the new id or null.
 * Takes any Kysely handle, so the webhook inbox can store its event and job in one transaction:
 * on PostgreSQL the graphile job is added through the same handle, so both or neither commit.
 */
export async function insertJob(db: Db, request: JobRequest, now: number): Promise<string | null> {
  const runAt = request.runAt ?? now;
  const maxAttempts = request.maxAttempts ?? defaultMaxAttempts;
  const inserted = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      name: request.name,
      dedupe_key: request.key ?? null,
      payload: JSON.stringify(request.payload),
      user_id: request.userId ?? null,
      state: 'queued',
      max_attempts: maxAttempts,
      run_at: runAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();

  if (!inserted) return null;

  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);

    await addGraphileJob(db, {
      ledgerId: inserted.id,
      task: graphileTaskName(rows[0]?.schema, request.name),
      delayMs: runAt - now,
    });
  }

  return inserted.id;
}

/**
 * Adds (or moves, when one is waiting) the graphile job of a ledger row. A graphile job with the
 * same key that is running keeps running, loses the key and is not retried (add_job's rule), so
 * a handler's own run can schedule its next one.
 */
/**
 * Writes a run's outcome to its ledger row and lets the row go, if this holder still has it.
 * Returns whether it did: a row cancelled while it ran stays cancelled, and one another
 * worker claimed since (a lease run out) is theirs. Both engines end their runs here.
 */
export async function finishLedgerRow(
  db: Db,
  jobId: string,
  holder: string,
  outcome: Record<string, unknown>,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ ...outcome, locked_by: null, locked_until: null, updated_at: now })
    .where('id', '=', jobId)
    .where('locked_by', '=', holder)
    .where('state', '=', 'running')
    .executeTakeFirst();

  return Number(result.numUpdatedRows) > 0;
}

export async function addGraphileJob(
  db: Db,
  job: { ledgerId: string; task: string; delayMs: number },
): Promise<void> {
  // A delay, not an instant: the app's clock (a test's, say) need not be PostgreSQL's.
  const delay = `${Math.max(0, Math.round(job.delayMs))} milliseconds`;

  await sql`select ${sql.id(graphileSchema, 'add_job')}(
      ${job.task},
      payload => ${JSON.stringify({ jobId: job.ledgerId })}::json,
      run_at => now() + ${delay}::interval,
      max_attempts => ${graphileMaxAttempts}::int,
      job_key => ${job.ledgerId}::text
    )`.execute(db);
}

/**
 * Graphile's own attempts only count runs that ended without the ledger being updated (a worker
 * that died, the database unreachable): retries a handler asks for are fresh graphile jobs, and
 * the ledger's max_attempts governs them.
 */
const graphileMaxAttempts = 25;

/**
 * Deletes the graphile jobs of an app schema that is going away (a test file's, as it drops its
 * schema): nothing will ever run them. A job still locked by a worker of that schema (one a test
 * killed) is unlocked first; those workers served that schema alone, so no one else's job is
 * touched. Graphile's task rows (one per job name) stay: it has no function to remove them.
 */
export async function forgetGraphileJobsOf(db: Db, appSchema: string): Promise<void> {
  const { rows } = await sql<{
    present: boolean;
  }>`select to_regclass(${`${graphileSchema}.jobs`}) is not null as present`.execute(db);

  if (!rows[0]?.present) return;

  const jobsOfSchema = sql`select id, locked_by from ${sql.id(graphileSchema, 'jobs')}
    where starts_with(task_identifier, ${`${appSchema}:`})`;

  await sql`select ${sql.id(graphileSchema, 'force_unlock_workers')}(array(
      select distinct locked_by from (${jobsOfSchema}) j where locked_by is not null
    ))`.execute(db);
  await sql`select ${sql.id(graphileSchema, 'complete_jobs')}(array(
      select id from (${jobsOfSchema}) j
    ))`.execute(db);
}

const viewColumns = [
  'id',
  'name',
  'dedupe_key',
  'user_id',
  'state',
  'attempts',
  'max_attempts',
  'last_error',
  'run_at',
] as const;

type LedgerRow = {
  id: string;
  name: string;
  dedupe_key: string | null;
  user_id: string | null;
  state: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: number;
};

function toView(row: LedgerRow): JobView {
  return {
    id: row.id,
    name: row.name,
    key: row.dedupe_key,
    userId: row.user_id,
    state: row.state as JobState,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    runAt: Number(row.run_at),
  };
}

export async function findJobByKey(db: Db, key: string): Promise<JobView | undefined> {
  const row = await db
    .selectFrom('jobs')
    .select(viewColumns)
    .where('dedupe_key', '=', key)
    .executeTakeFirst();

  return row && toView(row);
}

export async function listJobs(db: Db, filter: JobFilter = {}): Promise<JobView[]> {
  let query = db
    .selectFrom('jobs')
    .select(viewColumns)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500);

  if (filter.name !== undefined) query = query.where('name', '=', filter.name);
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.states?.length === 0) return [];
  if (filter.states) query = query.where('state', 'in', filter.states);

  const rows = await query.execute();

  return rows.map(toView);
}
