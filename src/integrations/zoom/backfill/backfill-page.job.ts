import type { AppContext } from '../../../app-context.js';
import { insertJob } from '../../../jobs/db-job-queue.js';
import { RetryLaterError, type JobHandler } from '../../../jobs/job-queue.js';
import { sleep } from '../../../lib/clock.js';
import { crashPoint } from '../../../lib/crash-point.js';
import { listCallHistory, type CallHistoryPage } from '../../../zoom/call-history.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { logCallRecord } from '../call-logging.js';
import { findConnectionByUser, type ZoomConnection } from '../connections.repo.js';
import { finishRun, loadRun, noteRunProblem, type BackfillRun } from './backfill-runs.repo.js';
import type { DateWindow } from './backfill-windows.js';
import { takeRequestSlot } from './request-pace.js';
import { isExpiredPageToken, rateLimitResumeAt } from './zoom-rate-limit.js';

export const backfillPageJob = 'phone.backfill_page';
export const backfillMaxAttempts = 10;

// Zoom's page tokens live 15 minutes (API.md §5.2); one older than this is not worth trying.
const pageTokenUsableMs = 14 * 60_000;
// A pace wait shorter than this is slept through; a longer one hands the worker back.
const longestInlineWaitMs = 2_000;

/** Enqueues step `step` of a run. Takes any Kysely handle, so a checkpoint can include it. */
export function enqueueBackfillStep(
  db: AppContext['db'],
  run: { id: string; userId: string },
  step: number,
  now: number,
) {
  return insertJob(
    db,
    {
      name: backfillPageJob,
      payload: { runId: run.id },
      key: `backfill:${run.id}:${step}`,
      maxAttempts: backfillMaxAttempts,
      userId: run.userId,
    },
    now,
  );
}

/**
 * One step of a call-history back-fill: fetch one page of one window, log its calls, and in
 * the same transaction checkpoint the run and queue the next step. A crash anywhere repeats at
 * most this one page; logging a call twice changes nothing (field report 16). Heavier per-call
 * work (recordings, voicemails) is queued by those features as jobs of their own, so a page
 * token never waits on it.
 */
export function createBackfillPageJob(context: AppContext): JobHandler {
  const { db, clock } = context;

  return async ({ payload, attempt, jobId }) => {
    const run = await loadRun(db, String(payload.runId));

    if (!run || run.status !== 'running') return;

    const log = context.logger.child({ jobId, runId: run.id, userId: run.user_id, attempt });
    const connection = await findConnectionByUser(db, run.user_id);

    if (
      !connection ||
      connection.status !== 'connected' ||
      connection.phone_state !== 'connected'
    ) {
      await finishRun(db, run.id, 'cancelled', 'Zoom Phone was disconnected', clock.now());
      log.info('call history import stopped: phone disconnected');

      return;
    }

    const windows: DateWindow[] = JSON.parse(run.windows);
    const window = windows[run.window_index];

    if (!window) {
      await finishRun(db, run.id, 'done', null, clock.now());

      return;
    }

    const tokenFresh =
      run.page_token_at !== null && clock.now() - run.page_token_at < pageTokenUsableMs;
    const pageToken = tokenFresh ? run.page_token : null;

    await waitForSlot(context, connection);

    let page: CallHistoryPage;

    try {
      page = await context.zoomAccess.call(connection.id, (token) =>
        listCallHistory(context.zoom, token, {
          from: window[0],
          to: window[1],
          pageSize: context.config.BACKFILL_PAGE_SIZE,
          nextPageToken: pageToken,
        }),
      );
    } catch (error) {
      await handleFailure(context, run, connection, error, pageToken, attempt);

      return;
    }

    await crashPoint('backfill.page-fetched');
    await checkpoint(context, run, page.nextPageToken, windows.length, async (trx) => {
      for (const record of page.records) {
        await logCallRecord(context, connection, record, 'inbound', 'backfill', trx);
      }
    });
    log.info(
      { window: window.join('..'), records: page.records.length },
      'call history page imported',
    );
  };
}

/** Waits for this account's next request slot; a long wait hands the worker back instead. */
export async function waitForSlot(context: AppContext, connection: ZoomConnection) {
  const intervalMs = 1000 / context.config.ZOOM_ACCOUNT_REQUESTS_PER_SECOND;
  const now = context.clock.now();
  const slot = await takeRequestSlot(context.db, connection.zoom_account_id, intervalMs, now);
  const waitMs = slot - now;

  if (waitMs > longestInlineWaitMs) {
    throw new RetryLaterError(slot, 'waiting for our share of Zoom’s rate limit');
  }

  if (waitMs > 0) await sleep(waitMs);
}

/**
 * Writes the page's calls, saves where the run stands and queues the next step, all in one
 * transaction: a page is either wholly imported and checkpointed, or not at all.
 */
async function checkpoint(
  context: AppContext,
  run: BackfillRun,
  nextPageToken: string,
  windowCount: number,
  writePage: (trx: AppContext['db']) => Promise<void>,
) {
  const now = context.clock.now();
  const nextWindow = nextPageToken ? run.window_index : run.window_index + 1;
  const done = nextWindow >= windowCount;
  const step = run.pages_fetched + 1;

  await context.db.transaction().execute(async (trx) => {
    // Claim the run first: if it was cancelled, or Phone disconnected or the data deleted while
    // this page was in flight, nothing of the page is written.
    const stillRunning = await trx
      .updateTable('backfill_runs')
      .set({ updated_at: now })
      .where('id', '=', run.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    const connection = await trx
      .selectFrom('zoom_connections')
      .select(['status', 'phone_state'])
      .where('user_id', '=', run.user_id)
      .executeTakeFirst();

    if (
      Number(stillRunning.numUpdatedRows) === 0 ||
      connection?.status !== 'connected' ||
      connection.phone_state !== 'connected'
    ) {
      return;
    }

    await writePage(trx);
    await trx
      .updateTable('backfill_runs')
      .set({
        window_index: nextWindow,
        page_token: nextPageToken || null,
        page_token_at: nextPageToken ? now : null,
        pages_fetched: step,
        last_error: null,
        resume_at: null,
        updated_at: now,
        ...(done && { status: 'done' as const, finished_at: now }),
      })
      .where('id', '=', run.id)
      .where('status', '=', 'running')
      .execute();

    if (!done) await enqueueBackfillStep(trx, { id: run.id, userId: run.user_id }, step, now);
  });

  context.jobs.wake();
}

/**
 * Decides what a failed page means. An expired page token: list the window again from its
 * start. A 429: park until Zoom's reset time. No licence or no grant: stop, reported as
 * incomplete. Anything else: retry with backoff, and after the last attempt, incomplete.
 */
async function handleFailure(
  context: AppContext,
  run: BackfillRun,
  connection: ZoomConnection,
  error: unknown,
  pageToken: string | null,
  attempt: number,
) {
  const now = context.clock.now();
  const message = error instanceof Error ? error.message : String(error);

  if (pageToken && isExpiredPageToken(error)) {
    await context.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('backfill_runs')
        .set({
          page_token: null,
          page_token_at: null,
          pages_fetched: run.pages_fetched + 1,
          updated_at: now,
        })
        .where('id', '=', run.id)
        .execute();
      await enqueueBackfillStep(
        trx,
        { id: run.id, userId: run.user_id },
        run.pages_fetched + 1,
        now,
      );
    });
    context.logger.warn(
      { runId: run.id },
      'call history page token expired; listing the window again',
    );
    context.jobs.wake();

    return;
  }

  if (error instanceof ZoomError) {
    const resumeAt = rateLimitResumeAt(error, now);

    if (resumeAt !== undefined) {
      await noteRunProblem(context.db, run.id, 'Zoom rate limit reached', resumeAt, now);
      throw new RetryLaterError(resumeAt, 'Zoom rate limit', { cause: error });
    }

    if (error.outcome === 'forbidden') {
      await context.db
        .updateTable('zoom_connections')
        .set({ phone_state: 'not_licensed', updated_at: now })
        .where('id', '=', connection.id)
        .execute();
      await finishRun(
        context.db,
        run.id,
        'incomplete',
        'This Zoom account no longer has a Zoom Phone licence',
        now,
      );

      return;
    }

    if (error.outcome === 'reconnect') {
      await finishRun(
        context.db,
        run.id,
        'incomplete',
        'Zoom no longer accepts 1Thing’s access',
        now,
      );

      return;
    }

    if (error.outcome === 'bad_request' || error.outcome === 'not_found') {
      await finishRun(context.db, run.id, 'failed', message, now);

      return;
    }
  }

  if (attempt >= backfillMaxAttempts) {
    await finishRun(context.db, run.id, 'incomplete', `Zoom kept failing: ${message}`, now);

    return;
  }

  await noteRunProblem(context.db, run.id, message, null, now);
  throw error;
}
