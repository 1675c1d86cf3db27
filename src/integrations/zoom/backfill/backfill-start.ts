import type { AppContext } from '../../../app-context.js';
import { createRun, latestRun } from './backfill-runs.repo.js';
import { backfillWindows } from './backfill-windows.js';
import { enqueueBackfillStep } from './backfill-page.job.js';
import { startVoicemailImport } from './voicemail-backfill.start.js';

/**
 * Starts importing the agent's Zoom Phone call history over the last BACKFILL_DAYS, and their
 * voicemails over the same windows beside it, unless an import is already running.
 * `onlyFirst` (used right after connecting) starts one only if the agent never had one, so
 * reconnecting does not import again unasked.
 */
export async function startBackfill(
  context: AppContext,
  userId: string,
  options: { onlyFirst?: boolean } = {},
): Promise<string | null> {
  const previous = await latestRun(context.db, userId);

  if (previous?.status === 'running') return previous.id;

  if (options.onlyFirst && previous) return null;

  const now = context.clock.now();
  const runId = await createRun(
    context.db,
    userId,
    backfillWindows(now, context.config.BACKFILL_DAYS),
    now,
  );

  await enqueueBackfillStep(context.db, { id: runId, userId }, 0, now);
  await startVoicemailImport(context, runId, userId);
  context.jobs.wake();
  context.logger.info({ userId, runId }, 'call history import started');

  return runId;
}
