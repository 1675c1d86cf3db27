import type { AppContext } from '../../../app-context.js';
import {
  isMediaFile,
  isTranscriptFile,
  type RecordingEvent,
} from '../../../webhooks/recording-event.schema.js';
import type { ZoomConnection } from '../connections.repo.js';
import { changeMeeting, findMeetingByZoomId } from '../meetings/meetings.repo.js';
import { storeRecordingFiles } from './recording-files.repo.js';
import { enqueueTranscriptFetch } from './transcript-fetch.job.js';
import { enqueueTranscriptPoll } from './transcript-poll.job.js';
import { moveRecording, moveTranscript } from './transcript-state.js';

/**
 * What a recording event means for the activity behind the meeting. The two events have
 * separate, idempotent paths (field report 9): a TRANSCRIPT file, from whichever event carries
 * it, queues its download once per file; `recording.completed` without one marks the
 * transcript pending and makes no call at all, leaving one fallback poll for later; a meeting
 * with nothing recorded is "no recording" (field report 22). Meetings not made in 1Thing are
 * acknowledged and left alone. Returns the outcome kept on the inbox row.
 */
export async function handleRecordingEvent(
  context: AppContext,
  event: RecordingEvent,
  connection: ZoomConnection | undefined,
): Promise<string> {
  if (!connection) return 'unknown_zoom_user';

  const { db } = context;
  const object = event.payload.object;
  const meeting = await findMeetingByZoomId(db, connection.user_id, String(object.id));

  if (!meeting?.activity_id || meeting.state === 'deleted' || meeting.state === 'deleting') {
    return 'meeting_not_from_1thing';
  }

  const now = context.clock.now();
  const files = await storeRecordingFiles(
    db,
    context.cipher,
    { id: meeting.id, ownerId: meeting.owner_id },
    object.uuid,
    object.recording_files,
    event.download_token,
    now,
  );

  await changeMeeting(
    db,
    meeting.id,
    { zoom_uuid: object.uuid, ended_at: meeting.ended_at ?? now },
    now,
  );

  const transcript = files.find((file) => isTranscriptFile(file) && file.status !== 'processing');

  if (transcript) {
    await moveRecording(db, meeting.id, 'recorded', now);
    await moveTranscript(db, meeting.id, 'fetching', null, now);
    await enqueueTranscriptFetch(context, transcript);

    return 'transcript_queued';
  }

  if (event.event === 'recording.transcript_completed') return 'no_transcript_file';

  if (files.some(isMediaFile)) {
    await moveRecording(db, meeting.id, 'recorded', now);

    if (await moveTranscript(db, meeting.id, 'pending', null, now)) {
      await enqueueTranscriptPoll(
        context,
        { id: meeting.id, ownerId: meeting.owner_id },
        object.uuid,
      );
    }

    return 'transcript_pending';
  }

  if (await moveRecording(db, meeting.id, 'no_recording', now)) {
    await moveTranscript(db, meeting.id, 'none', 'no_recording', now);
  }

  return 'no_recording';
}
