import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { BackfillRunsTable } from '../../../db/db-types.js';
import { newId } from '../../../lib/ids.js';
import type { DateWindow } from './backfill-windows.js';

export type BackfillRun = Selectable<BackfillRunsTable>;

export function latestRun(db: Db, userId: string) {
  return db
    .selectFrom('backfill_runs')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function loadRun(db: Db, runId: string) {
  return db.selectFrom('backfill_runs').selectAll().where('id', '=', runId).executeTakeFirst();
}

export async function createRun(db: Db, userId: string, windows: DateWindow[], now: number) {
  const id = newId();

  await db
    .insertInto('backfill_runs')
    .values({
      id,
      user_id: userId,
      status: 'running',
      windows: JSON.stringify(windows),
      window_index: 0,
      started_at: now,
      updated_at: now,
    })
    .execute();

  return id;
}

/** Ends a run; only a running run can end, so a late job cannot revive a cancelled one. */
export async function finishRun(
  db: Db,
  runId: string,
  status: 'done' | 'incomplete' | 'failed' | 'cancelled',
  reason: string | null,
  now: number,
) {
  await db
    .updateTable('backfill_runs')
    .set({ status, last_error: reason, resume_at: null, finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .execute();
}

export async function noteRunProblem(
  db: Db,
  runId: string,
  problem: string,
  resumeAt: number | null,
  now: number,
) {
  await db
    .updateTable('backfill_runs')
    .set({ last_error: problem, resume_at: resumeAt, updated_at: now })
    .where('id', '=', runId)
    .execute();
}

export async function cancelRunsOf(db: Db, userId: string, reason: string, now: number) {
  await db
    .updateTable('backfill_runs')
    .set({ status: 'cancelled', last_error: reason, finished_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('status', '=', 'running')
    .execute();
}
