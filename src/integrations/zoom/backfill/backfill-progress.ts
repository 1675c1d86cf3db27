import type { Db } from '../../../db/database.js';
import { latestRun } from './backfill-runs.repo.js';
import type { DateWindow } from './backfill-windows.js';

export interface HistoryImport {
  state: 'importing' | 'paused' | 'done' | 'incomplete' | 'cancelled' | 'failed';
  text: string;
  month: number;
  months: number;
  calls: number;
  unmatched: number;
  since: string;
  resumeAt: string | null;
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * What the Phone card says about the call-history import. Counts are read from the calls
 * themselves (all calls in the imported period), so a page fetched twice is not counted twice.
 */
export async function historyImportProgress(
  db: Db,
  userId: string,
  now: number,
): Promise<HistoryImport | null> {
  const run = await latestRun(db, userId);

  if (!run) return null;

  const windows: DateWindow[] = JSON.parse(run.windows);
  const since = windows.at(-1)?.[0] ?? '';
  const until = windows[0]?.[1] ?? since;
  const counts = await db
    .selectFrom('calls')
    .select((eb) => [
      eb.fn.countAll<number>().as('calls'),
      eb.fn.sum<number>(eb.case().when('match', '=', 'none').then(1).else(0).end()).as('unmatched'),
    ])
    .where('owner_id', '=', userId)
    .where('started_at', '>=', Date.parse(`${since}T00:00:00Z`))
    .where('started_at', '<', Date.parse(`${until}T00:00:00Z`) + 86_400_000)
    .executeTakeFirst();
  const calls = Number(counts?.calls ?? 0);
  const unmatched = Number(counts?.unmatched ?? 0);
  const month = Math.min(run.window_index + 1, windows.length);
  const paused = run.status === 'running' && run.resume_at !== null && run.resume_at > now;
  const state = run.status === 'running' ? (paused ? 'paused' : 'importing') : run.status;
  const texts: Record<HistoryImport['state'], string> = {
    importing: `Importing call history — month ${month} of ${windows.length}, ${calls} calls, ${unmatched} unmatched`,
    paused: `Importing call history — paused by Zoom’s rate limit until ${hhmm(run.resume_at ?? 0)} UTC (month ${month} of ${windows.length}, ${calls} calls so far)`,
    done: `Imported ${calls} calls from ${since}`,
    incomplete: `Call history import incomplete at month ${month} of ${windows.length} (${calls} calls so far): ${run.last_error ?? 'stopped'}. Import again to finish.`,
    cancelled: `Call history import stopped: ${run.last_error ?? 'cancelled'}`,
    failed: `Call history import failed: ${run.last_error ?? 'unknown error'}`,
  };

  return {
    state,
    text: texts[state],
    month,
    months: windows.length,
    calls,
    unmatched,
    since,
    resumeAt: paused && run.resume_at ? new Date(run.resume_at).toISOString() : null,
  };
}
