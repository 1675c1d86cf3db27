import type { Db } from '../../../db/database.js';
import { PermanentJobError, RetryLaterError } from '../../../jobs/job-queue.js';
import type { Logger } from '../../../lib/logger.js';
import type { FieldProblem } from '../../../zoom/meeting-failures.js';
import { ZoomLimitError, ZoomValidationError } from '../../../zoom/meeting-failures.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { recordMeetingLimit } from './meetings.repo.js';

/** At most this many tries of one create or update (field report 17 c: backoff, ≤ 5 attempts). */
export const meetingWriteAttempts = 5;

export type MeetingProblemCode =
  | 'ZOOM_DAILY_LIMIT'
  | 'ZOOM_VALIDATION_FAILED'
  | 'ZOOM_RECONNECT_NEEDED'
  | 'ZOOM_MEETINGS_NOT_CONNECTED'
  | 'ZOOM_UNAVAILABLE'
  | 'ZOOM_REFUSED'
  | 'ACTIVITY_TIME_MISSING'
  | 'ACTIVITY_IN_PAST';

export interface MeetingProblem {
  code: MeetingProblemCode;
  message: string;
  fields?: FieldProblem[];
  retryAt?: number;
}

/** What a failed meeting write means: wait for a known time, back off and retry, or stop. */
export type WriteVerdict =
  | { next: 'park'; resumeAt: number; problem: MeetingProblem }
  | { next: 'retry'; problem: MeetingProblem }
  | { next: 'stop'; problem: MeetingProblem };

/** The text agents see for the daily cap; the hour is Zoom's reset, normally 00:00. */
export function dailyLimitMessage(resumeAt: number): string {
  return `Zoom limit reached, try after ${new Date(resumeAt).toISOString().slice(11, 16)} UTC`;
}

export function limitProblem(resumeAt: number): MeetingProblem {
  return { code: 'ZOOM_DAILY_LIMIT', message: dailyLimitMessage(resumeAt), retryAt: resumeAt };
}

/**
 * Judges an error from a meeting create or update (API.md §3 errors, §6.2 rate limits). Only
 * outages and per-second 429s are retried, and only until the last attempt; the daily cap
 * parks until Zoom resets it; Zoom's verdicts on the request itself stop at once.
 */
export function judgeWriteFailure(error: unknown, attempt: number, now: number): WriteVerdict {
  const lastTry = attempt >= meetingWriteAttempts;

  if (error instanceof ZoomLimitError && error.daily) {
    const resumeAt = error.resumeAt(now);

    return { next: 'park', resumeAt, problem: limitProblem(resumeAt) };
  }

  if (error instanceof ZoomValidationError) {
    return {
      next: 'stop',
      problem: {
        code: 'ZOOM_VALIDATION_FAILED',
        message: error.details.zoomMessage ?? 'Zoom did not accept the meeting.',
        fields: error.fields,
      },
    };
  }

  if (!(error instanceof ZoomError)) {
    const problem: MeetingProblem = {
      code: 'ZOOM_UNAVAILABLE',
      message: 'The meeting could not be saved. Try again shortly.',
    };

    return lastTry ? { next: 'stop', problem } : { next: 'retry', problem };
  }

  switch (error.outcome) {
    case 'retry_later': {
      const problem: MeetingProblem = {
        code: 'ZOOM_UNAVAILABLE',
        message: 'Zoom did not answer. Try again in a few minutes.',
      };

      return lastTry ? { next: 'stop', problem } : { next: 'retry', problem };
    }
    case 'reconnect':
    case 'refresh_token':
      return {
        next: 'stop',
        problem: {
          code: 'ZOOM_RECONNECT_NEEDED',
          message: 'Zoom no longer accepts 1Thing’s access. Reconnect Zoom in Settings.',
        },
      };
    default:
      return {
        next: 'stop',
        problem: {
          code: 'ZOOM_REFUSED',
          message: error.details.zoomMessage ?? `Zoom refused the meeting (HTTP ${error.status}).`,
        },
      };
  }
}

/** The problem columns of a meeting row. */
export function problemColumns(problem: MeetingProblem | null) {
  return {
    problem_code: problem?.code ?? null,
    problem_message: problem?.message ?? null,
    problem_fields: problem?.fields ? JSON.stringify(problem.fields) : null,
    retry_at: problem?.retryAt ?? null,
  };
}

/** Where a failed write leaves its meeting row: waiting for Zoom's reset, or failed. */
export type FailedWriteState = 'limited' | 'failed';

/**
 * Ends a job whose Zoom write failed, the same way for a create and an update: the daily cap
 * is recorded for the agent and the job parked until Zoom resets it, an outage is thrown back
 * for the queue to retry, and anything else marks the row failed and stops the job for good.
 * `markRow` writes the row's state in the first and last cases.
 */
export async function settleWriteFailure(
  db: Db,
  failure: { error: unknown; attempt: number; ownerId: string; now: number; log: Logger },
  markRow: (state: FailedWriteState, problem: MeetingProblem) => Promise<unknown>,
): Promise<never> {
  const { error, now, log } = failure;
  const verdict = judgeWriteFailure(error, failure.attempt, now);

  log.warn({ err: error, next: verdict.next }, 'zoom meeting write failed');

  if (verdict.next === 'park') {
    await recordMeetingLimit(db, failure.ownerId, verdict.resumeAt, now);
    await markRow('limited', verdict.problem);
    throw new RetryLaterError(verdict.resumeAt, 'zoom daily meeting limit', { cause: error });
  }

  if (verdict.next === 'retry') throw error;

  await markRow('failed', verdict.problem);
  throw new PermanentJobError(verdict.problem.message, { cause: error });
}
