import type { AppContext } from '../../../app-context.js';
import { newId } from '../../../lib/ids.js';
import { PermanentJobError, type JobHandler } from '../../../jobs/job-queue.js';
import { deleteMeeting } from '../../../zoom/meetings.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { findConnectionByUser } from '../connections.repo.js';
import { changeMeeting, claimOrphans, findMeetingById } from './meetings.repo.js';

export const meetingDeleteJob = 'zoom.meeting.delete';

export async function enqueueMeetingDelete(
  context: AppContext,
  meetingId: string,
  ownerId: string,
): Promise<void> {
  await context.jobs.enqueue({
    name: meetingDeleteJob,
    payload: { meetingId },
    key: `meeting-delete:${meetingId}:${newId()}`,
    maxAttempts: 8,
    userId: ownerId,
  });
}

/**
 * Finds meetings whose activity was deleted (one owner's, or everyone's at start-up) and
 * queues their deletion at Zoom. Cheap when there are none.
 */
export async function deleteOrphanedMeetings(
  context: AppContext,
  ownerId: string | null,
): Promise<number> {
  const orphans = await claimOrphans(context.db, ownerId, context.clock.now());

  for (const orphan of orphans) await enqueueMeetingDelete(context, orphan.id, orphan.owner_id);

  return orphans.length;
}

/**
 * Deletes the meeting at Zoom (DELETE /meetings/{id}). Zoom no longer having it (404) counts
 * as done. A connection that is gone cannot delete anything, so the row is closed with that
 * reason logged rather than retried for ever.
 */
export function createMeetingDeleteJob(context: AppContext): JobHandler {
  const { db } = context;
  const now = () => context.clock.now();

  return async ({ payload, jobId }) => {
    const row = await findMeetingById(db, String(payload.meetingId));

    if (!row || row.state !== 'deleting') return;

    const log = context.logger.child({ jobId, meetingRowId: row.id, userId: row.owner_id });

    if (!row.zoom_meeting_id) {
      await changeMeeting(db, row.id, { state: 'deleted' }, now());

      return;
    }

    const connection = await findConnectionByUser(db, row.owner_id);

    if (!connection || connection.status !== 'connected') {
      await changeMeeting(
        db,
        row.id,
        { state: 'deleted', problem_code: 'ZOOM_NOT_CONNECTED' },
        now(),
      );
      log.warn({ zoomMeetingId: row.zoom_meeting_id }, 'zoom meeting left at zoom: not connected');

      return;
    }

    try {
      const outcome = await context.zoomAccess.call(connection.id, (accessToken) =>
        deleteMeeting({ settings: context.zoom, accessToken }, row.zoom_meeting_id ?? ''),
      );

      await changeMeeting(db, row.id, { state: 'deleted' }, now());
      log.info({ zoomMeetingId: row.zoom_meeting_id, outcome }, 'zoom meeting deleted');
    } catch (error) {
      if (error instanceof ZoomError && error.outcome !== 'retry_later') {
        await changeMeeting(db, row.id, { state: 'deleted', problem_code: 'ZOOM_REFUSED' }, now());
        log.warn({ err: error }, 'zoom refused to delete the meeting; left at zoom');
        throw new PermanentJobError('zoom refused the delete', { cause: error });
      }

      throw error;
    }
  };
}
