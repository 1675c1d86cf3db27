import type { AppContext } from '../../../app-context.js';
import { getActivity } from '../../../crm/activities.repo.js';
import { getContact } from '../../../crm/contacts.repo.js';
import { RetryLaterError, type JobHandler } from '../../../jobs/job-queue.js';
import { createMeeting } from '../../../zoom/meetings.api.js';
import { enqueueMeetingDelete } from './meeting-delete.job.js';
import { meetingRequestFor } from './meeting-request.js';
import { enqueueMeetingUpdate } from './meeting-update.job.js';
import {
  limitProblem,
  meetingWriteAttempts,
  problemColumns,
  settleWriteFailure,
  type MeetingProblem,
} from './meeting-write-failure.js';
import { meetingsConnection } from './meetings-connection.js';
import {
  changeMeeting,
  clearedProblem,
  findMeetingById,
  meetingLimitFor,
  type MeetingRow,
} from './meetings.repo.js';

export const meetingCreateJob = 'zoom.meeting.create';

/** Queues the creation of a claimed row; the claim time keeps a retry from reusing the key. */
export async function enqueueMeetingCreate(context: AppContext, row: MeetingRow): Promise<void> {
  await context.jobs.enqueue({
    name: meetingCreateJob,
    payload: { meetingId: row.id },
    key: `meeting-create:${row.id}:${row.updated_at}`,
    maxAttempts: meetingWriteAttempts,
    userId: row.owner_id,
  });
}

/**
 * Asks Zoom for the activity's meeting (POST /users/me/meetings). It reads the activity when
 * it runs, so a change made while it waited is what Zoom gets. Zoom offers no idempotency key
 * for creation: the row's state is ours, and only a row still `creating` or `limited` is sent.
 */
export function createMeetingCreateJob(context: AppContext): JobHandler {
  const { db } = context;
  const now = () => context.clock.now();
  const fail = (row: MeetingRow, problem: MeetingProblem) =>
    changeMeeting(db, row.id, { state: 'failed', ...problemColumns(problem) }, now());

  return async ({ payload, attempt, jobId }) => {
    const row = await findMeetingById(db, String(payload.meetingId));

    if (!row || (row.state !== 'creating' && row.state !== 'limited')) return;

    const log = context.logger.child({ jobId, meetingRowId: row.id, userId: row.owner_id });
    const activity = row.activity_id
      ? await getActivity(db, row.owner_id, row.activity_id)
      : undefined;

    if (!activity) {
      await changeMeeting(db, row.id, { state: 'deleted' }, now());
      log.info('activity gone before its meeting was made; nothing sent to zoom');

      return;
    }

    const contact = activity.contact_id
      ? await getContact(db, row.owner_id, activity.contact_id)
      : undefined;
    const request = meetingRequestFor(activity, contact?.name ?? null);

    // A creation parked until Zoom's reset may meet an activity whose time has gone by since.
    if (!request || (activity.starts_at ?? 0) <= now()) {
      await fail(row, {
        code: request ? 'ACTIVITY_IN_PAST' : 'ACTIVITY_TIME_MISSING',
        message: request
          ? 'The activity’s time has passed; move it to a future time and try again.'
          : 'Give the activity a date and time first.',
      });
      log.info('meeting not created: the activity has no future time any more');

      return;
    }

    const access = await meetingsConnection(db, row.owner_id);

    if ('problem' in access) {
      await fail(row, access.problem);
      log.info({ problem: access.problem.code }, 'meeting not created: meetings not connected');

      return;
    }

    const limitedUntil = await meetingLimitFor(db, row.owner_id, now());

    if (limitedUntil) {
      await changeMeeting(
        db,
        row.id,
        { state: 'limited', ...problemColumns(limitProblem(limitedUntil)) },
        now(),
      );
      throw new RetryLaterError(limitedUntil, 'zoom daily meeting limit; parked without a call');
    }

    try {
      const meeting = await context.zoomAccess.call(access.connection.id, (accessToken) =>
        createMeeting({ settings: context.zoom, accessToken }, request),
      );
      const saved = await db
        .updateTable('zoom_meetings')
        .set({
          state: 'created',
          zoom_meeting_id: String(meeting.id),
          zoom_uuid: meeting.uuid ?? null,
          join_url: meeting.join_url,
          passcode: meeting.password ?? null,
          zoom_start_time: meeting.start_time ?? null,
          zoom_timezone: meeting.timezone ?? null,
          synced_request: JSON.stringify(request),
          sync_state: 'in_sync',
          ...clearedProblem,
          updated_at: now(),
        })
        .where('id', '=', row.id)
        .where('state', 'in', ['creating', 'limited'])
        .executeTakeFirst();

      log.info({ zoomMeetingId: meeting.id }, 'zoom meeting created');

      if (Number(saved.numUpdatedRows) === 0) {
        // The activity (or its meeting) was deleted while Zoom was making it: undo at Zoom.
        await changeMeeting(
          db,
          row.id,
          { state: 'deleting', zoom_meeting_id: String(meeting.id) },
          now(),
        );
        await enqueueMeetingDelete(context, row.id, row.owner_id);

        return;
      }

      await enqueueMeetingUpdate(context, row.id, row.owner_id);
    } catch (error) {
      await settleWriteFailure(
        db,
        { error, attempt, ownerId: row.owner_id, now: now(), log },
        (state, problem) => changeMeeting(db, row.id, { state, ...problemColumns(problem) }, now()),
      );
    }
  };
}
