import { sql } from 'kysely';
import { databaseNowMs } from './database-clock.js';
import type { Db } from '../db/database.js';
import { addGraphileJob, graphileSchema, graphileTaskName } from './job-ledger.js';

interface RepairRow {
  id: string;
  name: string;
  state: 'queued' | 'running';
  graphile_id: string | null;
  graphile_locked_by: string | null;
  graphile_later: boolean | null;
  graphile_lock_stale: boolean | null;
}

/**
 * Brings graphile's jobs back in line with the ledger, for what graphile cannot see itself:
 *
 * - a worker that died mid-run: its ledger lease (renewed while the handler runs) ran out, but
 *   graphile would keep the job locked for 4 hours (its fixed timeout). We unlock that worker's
 *   jobs with graphile's force_unlock_workers, so another worker takes them now;
 * - a worker that died between graphile's claim and ours (ledger still queued, graphile locked
 *   for longer than a lease): the same;
 * - a ledger row due on the app's clock whose graphile job waits for later (a test moved the
 *   clock): moved to now;
 * - a ledger row with no graphile job at all (a run that stopped between its two writes): added.
 *
 * Every instance runs this; doing it twice is harmless, since the ledger claim in the task lets
 * only one run hold a job.
 */
export async function repairGraphileJobs(
  db: Db,
  appSchema: string | undefined,
  names: string[],
  { appNow, leaseMs }: { appNow: number; leaseMs: number },
): Promise<number> {
  if (names.length === 0) return 0;

  const graphileJobs = sql.id(graphileSchema, 'jobs');
  const { rows } = await sql<RepairRow>`
    select j.id, j.name, j.state,
      g.id::text as graphile_id,
      g.locked_by as graphile_locked_by,
      g.run_at > now() as graphile_later,
      g.locked_at < now() - ${`${leaseMs} milliseconds`}::interval as graphile_lock_stale
    from jobs j
    left join ${graphileJobs} g on g.key = j.id
    where j.name in (${sql.join(names)})
      and ((j.state = 'queued' and j.run_at <= ${appNow})
        or (j.state = 'running' and j.locked_until < ${databaseNowMs}))
    order by j.run_at
    limit 100`.execute(db);
  const taskOf = (row: RepairRow) => graphileTaskName(appSchema, row.name);
  const deadWorkers = new Set<string>();
  let repaired = 0;

  for (const row of rows) {
    if (row.graphile_id === null) {
      await addGraphileJob(db, { ledgerId: row.id, task: taskOf(row), delayMs: 0 });
      repaired += 1;
    } else if (row.graphile_locked_by !== null) {
      if (row.state === 'running' || row.graphile_lock_stale) {
        deadWorkers.add(row.graphile_locked_by);
      }
    } else if (row.graphile_later) {
      await addGraphileJob(db, { ledgerId: row.id, task: taskOf(row), delayMs: 0 });
      repaired += 1;
    }
  }

  if (deadWorkers.size > 0) {
    await sql`select ${sql.id(graphileSchema, 'force_unlock_workers')}(${[...deadWorkers]}::text[])`.execute(
      db,
    );
    repaired += deadWorkers.size;
  }

  return repaired;
}
