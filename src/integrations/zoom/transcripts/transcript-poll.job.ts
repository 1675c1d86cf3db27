import type { AppContext } from '../../../app-context.js';
import { PermanentJobError, type JobHandler } from '../../../jobs/job-queue.js';
import { isTranscriptFile } from '../../../webhooks/recording-event.schema.js';
import { listUserRecordings } from '../../../zoom/recordings.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { meetingsConnection } from '../meetings/meetings-connection.js';
import { findMeetingById } from '../meetings/meetings.repo.js';
import { storeRecordingFiles } from './recording-files.repo.js';
import { enqueueTranscriptFetch } from './transcript-fetch.job.js';
import { moveTranscript } from './transcript-state.js';

export const transcriptPollJob = 'zoom.transcript.poll';

/**
 * How long after `recording.completed` a missing `recording.transcript_completed` is looked
 * for. Zoom processes a recording in about twice its length, up to 24 h at peak (WEBHOOKS.md
 * §4.2); six hours covers a long showing in normal times. A transcript Zoom finishes later
 * still arrives by its event and replaces the "no transcript" state.
 */
export const transcriptPollDelayMs = 6 * 60 * 60_000;

const pollAttempts = 3;
const dayMs = 86_400_000;

export async function enqueueTranscriptPoll(
  context: AppContext,
  meeting: { id: string; ownerId: string },
  zoomUuid: string,
): Promise<void> {
  await context.jobs.enqueue({
    name: transcriptPollJob,
    payload: { meetingId: meeting.id, zoomUuid },
    key: `transcript-poll:${zoomUuid}`,
    runAt: context.clock.now() + transcriptPollDelayMs,
    maxAttempts: pollAttempts,
    userId: meeting.ownerId,
  });
}

/**
 * The one fallback look (field report 9): if the transcript is still pending, list the
 * meeting's recordings once with GET /users/me/recordings; a TRANSCRIPT file found there is
 * fetched like one from an event, and none means "no transcript". A transcript that already
 * came costs no call at all.
 */
export function createTranscriptPollJob(context: AppContext): JobHandler {
  const { db } = context;
  const now = () => context.clock.now();

  return async ({ payload, attempt, jobId }) => {
    const meeting = await findMeetingById(db, String(payload.meetingId));
    const zoomUuid = String(payload.zoomUuid);

    if (!meeting?.activity_id || meeting.transcript_state !== 'pending') return;

    const log = context.logger.child({ jobId, meetingRowId: meeting.id });
    const access = await meetingsConnection(db, meeting.owner_id);

    if ('problem' in access) {
      await moveTranscript(db, meeting.id, 'none', 'not_connected', now());

      return;
    }

    try {
      const listing = await context.zoomAccess.call(access.connection.id, (accessToken) =>
        listUserRecordings(
          { settings: context.zoom, accessToken },
          {
            meetingId: meeting.zoom_meeting_id ?? '',
            ...listingWindow(meeting.ended_at ?? meeting.created_at, now()),
          },
        ),
      );
      const instance =
        listing.meetings.find((item) => item.uuid === zoomUuid) ??
        listing.meetings.find((item) => String(item.id) === meeting.zoom_meeting_id);
      const stored = instance
        ? await storeRecordingFiles(
            db,
            context.cipher,
            { id: meeting.id, ownerId: meeting.owner_id },
            instance.uuid,
            instance.recording_files,
            undefined,
            now(),
          )
        : [];
      const transcript = stored.find(
        (file) => isTranscriptFile(file) && file.status !== 'processing',
      );

      if (transcript) {
        await moveTranscript(db, meeting.id, 'fetching', null, now());
        await enqueueTranscriptFetch(context, transcript);
        log.info({ fileId: transcript.file_id }, 'transcript found by the fallback poll');

        return;
      }

      await moveTranscript(db, meeting.id, 'none', 'no_transcript', now());
      log.info('no transcript after the fallback poll');
    } catch (error) {
      const outage = error instanceof ZoomError && error.outcome === 'retry_later';

      if (outage && attempt < pollAttempts) throw error;

      await moveTranscript(db, meeting.id, 'none', 'poll_failed', now());
      log.warn({ err: error }, 'transcript poll failed');
      throw new PermanentJobError('transcript poll failed', { cause: error });
    }
  };
}

/**
 * `from`/`to` dates (UTC) for the listing: from the day before the meeting ended (it may have
 * been held earlier than scheduled, so the scheduled time is no guide) to today, within Zoom's
 * one-month limit (API.md §4.1).
 */
export function listingWindow(endedAt: number, now: number) {
  const from = Math.max(now - 30 * dayMs, Math.min(endedAt, now) - dayMs);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  return { from: day(from), to: day(now) };
}
