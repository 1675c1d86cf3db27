import type { AppContext } from '../../../app-context.js';
import { getActivity } from '../../../crm/activities.repo.js';
import { getContact } from '../../../crm/contacts.repo.js';
import { newId } from '../../../lib/ids.js';
import { RetryLaterError, type JobHandler } from '../../../jobs/job-queue.js';
import { updateMeeting, type MeetingRequest } from '../../../zoom/meetings.api.js';
import { meetingRequestFor } from './meeting-request.js';
import { utcSeconds } from './meeting-time.js';
import {
  limitProblem,
  meetingWriteAttempts,
  problemColumns,
  settleWriteFailure,
} from './meeting-write-failure.js';
import { meetingsConnection } from './meetings-connection.js';
import { changeMeeting, findMeetingById, meetingLimitFor } from './meetings.repo.js';

export const meetingUpdateJob = 'zoom.meeting.update';

/** Queues a check of one meeting against its activity; every change gets its own check. */
export async function enqueueMeetingUpdate(
  context: AppContext,
  meetingId: string,
  ownerId: string,
): Promise<void> {
  await context.jobs.enqueue({
    name: meetingUpdateJob,
    payload: { meetingId },
    key: `meeting-update:${meetingId}:${newId()}`,
    maxAttempts: meetingWriteAttempts,
    userId: ownerId,
  });
}

/**
 * Keeps the Zoom meeting in step with its activity: when the time, zone, length, title,
 * contact or notes moved since the last body Zoom got, PATCH /meetings/{id} sends the new one.
 * Nothing changed, nothing sent, so redundant checks cost no part of Zoom's daily cap.
 */
export function createMeetingUpdateJob(context: AppContext): JobHandler {
  const { db } = context;
  const now = () => context.clock.now();

  return async ({ payload, attempt, jobId }) => {
    const row = await findMeetingById(db, String(payload.meetingId));

    // A meeting still being made is left to its creation job, which reads the activity when it
    // runs and queues a check like this one once Zoom has the meeting.
    if (!row?.activity_id || row.state !== 'created' || !row.zoom_meeting_id) return;

    const log = context.logger.child({ jobId, meetingRowId: row.id, userId: row.owner_id });
    const activity = await getActivity(db, row.owner_id, row.activity_id);

    if (!activity) return;

    const contact = activity.contact_id
      ? await getContact(db, row.owner_id, activity.contact_id)
      : undefined;
    const request = meetingRequestFor(activity, contact?.name ?? null);

    if (!request) {
      log.info('activity lost its time; the zoom meeting keeps the last one');

      return;
    }

    const body = JSON.stringify(request);

    if (body === row.synced_request) return;

    const access = await meetingsConnection(db, row.owner_id);

    if ('problem' in access) {
      await changeMeeting(
        db,
        row.id,
        { sync_state: 'failed', ...problemColumns(access.problem) },
        now(),
      );

      return;
    }

    const limitedUntil = await meetingLimitFor(db, row.owner_id, now());

    if (limitedUntil) {
      await changeMeeting(
        db,
        row.id,
        { sync_state: 'limited', ...problemColumns(limitProblem(limitedUntil)) },
        now(),
      );
      throw new RetryLaterError(limitedUntil, 'zoom daily meeting limit; parked without a call');
    }

    await changeMeeting(db, row.id, { sync_state: 'updating' }, now());

    try {
      await context.zoomAccess.call(access.connection.id, (accessToken) =>
        updateMeeting(
          { settings: context.zoom, accessToken },
          row.zoom_meeting_id ?? '',
          patchOf(request),
        ),
      );
      await changeMeeting(
        db,
        row.id,
        {
          synced_request: body,
          sync_state: 'in_sync',
          zoom_start_time: utcSeconds(activity.starts_at ?? 0),
          zoom_timezone: request.timezone ?? null,
          ...problemColumns(null),
        },
        now(),
      );
      log.info({ zoomMeetingId: row.zoom_meeting_id }, 'zoom meeting updated');
    } catch (error) {
      await settleWriteFailure(
        db,
        { error, attempt, ownerId: row.owner_id, now: now(), log },
        (state, problem) =>
          changeMeeting(db, row.id, { sync_state: state, ...problemColumns(problem) }, now()),
      );
    }
  };
}

// PATCH /meetings/{meetingId} takes the same members; type and settings never change.
function patchOf(request: MeetingRequest): Partial<MeetingRequest> {
  const { type: _type, settings: _settings, ...rest } = request;

  return rest;
}
