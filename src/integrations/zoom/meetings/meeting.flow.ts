import type { AppContext } from '../../../app-context.js';
import { getActivity } from '../../../crm/activities.repo.js';
import { AppError, type ErrorCode } from '../../../http/errors.js';
import { sleep } from '../../../lib/clock.js';
import { getMeeting } from '../../../zoom/meetings.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { enqueueMeetingCreate } from './meeting-create.job.js';
import { enqueueMeetingDelete } from './meeting-delete.job.js';
import { meetingView, type MeetingView } from './meeting-view.js';
import { meetingsConnection } from './meetings-connection.js';
import {
  claimMeeting,
  detachMeeting,
  findMeetingByActivity,
  findMeetingById,
  type MeetingRow,
} from './meetings.repo.js';

// How long the create request waits for its job before answering 202 (the UI then polls).
const settleWaitMs = 8_000;
const settlePollMs = 50;

const problemErrors: Partial<Record<string, ErrorCode>> = {
  ZOOM_VALIDATION_FAILED: 'ZOOM_VALIDATION_FAILED',
  ZOOM_RECONNECT_NEEDED: 'ZOOM_RECONNECT_NEEDED',
  ZOOM_MEETINGS_NOT_CONNECTED: 'ZOOM_MEETINGS_NOT_CONNECTED',
  ZOOM_UNAVAILABLE: 'ZOOM_UNAVAILABLE',
  ACTIVITY_TIME_MISSING: 'ACTIVITY_TIME_MISSING',
  ACTIVITY_IN_PAST: 'ACTIVITY_IN_PAST',
};

/**
 * POST /api/activities/{id}/zoom-meeting. The preconditions are checked here, each with its
 * own code; then the activity's row is claimed (the idempotency key) and the creation job
 * queued. The answer waits briefly for the job: 201 with the join link in the usual case, 202
 * while Zoom is slow or its daily cap has the creation parked, an error when Zoom said no.
 */
export async function requestMeeting(
  context: AppContext,
  userId: string,
  activityId: string,
): Promise<{ status: 201 | 202; meeting: MeetingView }> {
  const activity = await getActivity(context.db, userId, activityId);

  if (!activity) throw new AppError('NOT_FOUND', 'Activity not found.');

  // Instants compare the same in every zone; the activity's zone decided the instant when the
  // agent picked a date and a clock time in it (web/src/format/zoned-time.ts).
  if (activity.starts_at === null) throw new AppError('ACTIVITY_TIME_MISSING');

  if (activity.starts_at <= context.clock.now()) throw new AppError('ACTIVITY_IN_PAST');

  const access = await meetingsConnection(context.db, userId);

  if ('problem' in access) throw new AppError(access.problem.code as ErrorCode);

  const { row, claimed } = await claimMeeting(context.db, userId, activityId, context.clock.now());

  if (!claimed) {
    throw new AppError('ZOOM_MEETING_EXISTS', undefined, {
      details: { meeting: meetingView(row) },
    });
  }

  await enqueueMeetingCreate(context, row);
  context.jobs.wake();

  const settled = await settle(context, row.id);

  if (settled.state === 'created') return { status: 201, meeting: meetingView(settled) };

  if (settled.state === 'failed') {
    const code = problemErrors[settled.problem_code ?? ''] ?? 'ZOOM_REFUSED';
    const view = meetingView(settled);

    throw new AppError(code, settled.problem_message ?? undefined, {
      details: { fields: view.problem?.fields ?? [], meeting: view },
    });
  }

  return { status: 202, meeting: meetingView(settled) };
}

async function settle(context: AppContext, rowId: string): Promise<MeetingRow> {
  const deadline = Date.now() + settleWaitMs;

  for (;;) {
    const row = await findMeetingById(context.db, rowId);

    if (!row) throw new AppError('NOT_FOUND', 'Activity not found.');

    if (row.state !== 'creating' || Date.now() > deadline) return row;

    await sleep(settlePollMs);
  }
}

export async function currentMeeting(context: AppContext, userId: string, activityId: string) {
  // Another agent's activity, or none, is not found, as on every other id-taking route; only
  // the agent's own activity without a meeting answers null.
  if (!(await getActivity(context.db, userId, activityId))) {
    throw new AppError('NOT_FOUND', 'No such activity.');
  }

  const row = await findMeetingByActivity(context.db, userId, activityId);

  return row ? meetingView(row) : null;
}

/** DELETE /api/activities/{id}/zoom-meeting: detach now, delete at Zoom in a job. */
export async function removeMeeting(context: AppContext, userId: string, activityId: string) {
  const row = await findMeetingByActivity(context.db, userId, activityId);

  if (!row || !(await detachMeeting(context.db, row.id, context.clock.now()))) {
    throw new AppError('NOT_FOUND', 'This activity has no Zoom meeting.');
  }

  await enqueueMeetingDelete(context, row.id, userId);
  context.jobs.wake();
}

/**
 * A fresh host link. Zoom's `start_url` expires (two hours, API.md §3), so it is fetched from
 * GET /meetings/{id} when the agent asks and handed straight to the browser: never stored,
 * never logged.
 */
export async function freshStartUrl(
  context: AppContext,
  userId: string,
  activityId: string,
): Promise<string> {
  const row = await findMeetingByActivity(context.db, userId, activityId);

  if (!row || row.state !== 'created' || !row.zoom_meeting_id) {
    throw new AppError('NOT_FOUND', 'This activity has no Zoom meeting yet.');
  }

  const access = await meetingsConnection(context.db, userId);

  if ('problem' in access) throw new AppError(access.problem.code as ErrorCode);

  try {
    const meeting = await context.zoomAccess.call(access.connection.id, (accessToken) =>
      getMeeting({ settings: context.zoom, accessToken }, row.zoom_meeting_id ?? ''),
    );

    if (!meeting.start_url) throw new AppError('ZOOM_REFUSED', 'Zoom sent no host link.');

    return meeting.start_url;
  } catch (error) {
    if (!(error instanceof ZoomError)) throw error;

    context.logger.warn({ err: error, userId, meetingRowId: row.id }, 'host link not fetched');

    if (error.outcome === 'not_found') {
      throw new AppError('NOT_FOUND', 'Zoom no longer has this meeting.');
    }

    if (error.outcome === 'reconnect') throw new AppError('ZOOM_RECONNECT_NEEDED');

    throw new AppError(error.outcome === 'retry_later' ? 'ZOOM_UNAVAILABLE' : 'ZOOM_REFUSED');
  }
}
