import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { RetryLaterError, type JobHandler } from '../../../jobs/job-queue.js';
import { listVoicemails, type VoicemailListPage } from '../../../zoom/voicemail-list.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { findConnectionByUser } from '../connections.repo.js';
import { enqueueTranscription } from '../voicemail/voicemail-transcribe.job.js';
import { backfillMaxAttempts, waitForSlot } from './backfill-page.job.js';
import { loadRun } from './backfill-runs.repo.js';
import type { DateWindow } from './backfill-windows.js';
import { importVoicemailPage } from './voicemail-backfill.page.js';
import { isExpiredPageToken, rateLimitResumeAt } from './zoom-rate-limit.js';

export const voicemailBackfillJob = 'phone.voicemail_backfill_page';

// Zoom's page tokens live 15 minutes (API.md §5.5), as in the call-history import.
const pageTokenUsableMs = 14 * 60_000;

/**
 * Where a voicemail import stands. It rides on a call-history run (same windows, same
 * lifetime: a cancelled run stops it) but keeps its place in its own job's payload, so the
 * call-history checkpoint is untouched; each step is a job of its own.
 */
const voicemailStepSchema = z.object({
  runId: z.string().min(1),
  userId: z.string().min(1),
  windowIndex: z.number().int().min(0),
  pageToken: z.string().nullable(),
  pageTokenAt: z.number().nullable(),
  step: z.number().int().min(0),
});

export type VoicemailStep = z.infer<typeof voicemailStepSchema>;

export function enqueueVoicemailStep(context: AppContext, step: VoicemailStep) {
  return context.jobs.enqueue({
    name: voicemailBackfillJob,
    payload: { ...step },
    key: `${voicemailBackfillJob}:${step.runId}:${step.step}`,
    maxAttempts: backfillMaxAttempts,
    userId: step.userId,
  });
}

/**
 * One page of the agent's Zoom voicemail list: the new voicemails are stored (one row per
 * Zoom id, so those a webhook already brought are kept as they are), each new one is queued
 * for transcription, then the next page is queued. The same pace, 429 parking and page-token
 * rules as the call-history import apply; a disconnect stops it before anything is written.
 */
export function createVoicemailBackfillJob(context: AppContext): JobHandler {
  return async ({ payload, attempt, jobId }) => {
    const step = voicemailStepSchema.parse(payload);
    const log = context.logger.child({ jobId, runId: step.runId, userId: step.userId, attempt });
    const run = await loadRun(context.db, step.runId);
    const connection = await findConnectionByUser(context.db, step.userId);

    if (!run || run.status === 'cancelled') return;

    if (connection?.status !== 'connected' || connection.phone_state !== 'connected') {
      log.info('voicemail import stopped: phone disconnected');

      return;
    }

    const windows: DateWindow[] = JSON.parse(run.windows);
    const window = windows[step.windowIndex];

    if (!window) return;

    const now = context.clock.now();
    const tokenFresh = step.pageTokenAt !== null && now - step.pageTokenAt < pageTokenUsableMs;
    const pageToken = tokenFresh ? step.pageToken : null;

    await waitForSlot(context, connection);

    let page: VoicemailListPage;

    try {
      page = await context.zoomAccess.call(connection.id, (token) =>
        listVoicemails(context.zoom, token, {
          from: window[0],
          to: window[1],
          pageSize: context.config.BACKFILL_PAGE_SIZE,
          nextPageToken: pageToken,
        }),
      );
    } catch (error) {
      await handleFailure(context, step, error, pageToken, attempt);

      return;
    }

    const toTranscribe = await importVoicemailPage(context, step, connection, page.voicemails);

    if (toTranscribe === null) {
      log.info('voicemail import stopped: phone disconnected while a page was in flight');

      return;
    }

    // After the rows are committed, so a transcription job always finds its row. A crash
    // before these runs this step again: the rows exist then, and still-pending ones are
    // queued again under the same keys (enqueueing a key twice keeps one job).
    for (const row of toTranscribe) await enqueueTranscription(context, row);

    log.info(
      { window: window.join('..'), voicemails: page.voicemails.length, skipped: page.skipped },
      'voicemail page imported',
    );

    const next = page.nextPageToken
      ? { windowIndex: step.windowIndex, pageToken: page.nextPageToken, pageTokenAt: now }
      : { windowIndex: step.windowIndex + 1, pageToken: null, pageTokenAt: null };

    if (next.windowIndex >= windows.length) {
      log.info('voicemail import done');

      return;
    }

    await enqueueVoicemailStep(context, { ...step, ...next, step: step.step + 1 });
  };
}

/**
 * The call-history import's rules: an expired page token lists the window again from its
 * start; a 429 parks the step until Zoom's reset time; a lost licence or grant, or a request
 * Zoom calls bad, ends the import; anything else is retried with backoff.
 */
async function handleFailure(
  context: AppContext,
  step: VoicemailStep,
  error: unknown,
  pageToken: string | null,
  attempt: number,
) {
  const log = context.logger.child({ runId: step.runId, userId: step.userId, attempt });

  if (pageToken && isExpiredPageToken(error)) {
    log.warn('voicemail page token expired; listing the window again');
    await enqueueVoicemailStep(context, {
      ...step,
      pageToken: null,
      pageTokenAt: null,
      step: step.step + 1,
    });

    return;
  }

  if (error instanceof ZoomError) {
    const resumeAt = rateLimitResumeAt(error, context.clock.now());

    if (resumeAt !== undefined) {
      log.warn({ resumeAt: new Date(resumeAt).toISOString() }, 'voicemail import parked by 429');
      throw new RetryLaterError(resumeAt, 'Zoom rate limit', { cause: error });
    }

    if (error.outcome !== 'retry_later') {
      log.warn({ outcome: error.outcome, status: error.status }, 'voicemail import ended');

      return;
    }
  }

  if (attempt >= backfillMaxAttempts) {
    log.error({ err: error }, 'voicemail import gave up');

    return;
  }

  throw error;
}
