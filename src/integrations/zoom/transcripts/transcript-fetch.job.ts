import type { AppContext } from '../../../app-context.js';
import type { JobHandler } from '../../../jobs/job-queue.js';
import { PermanentJobError } from '../../../jobs/job-queue.js';
import { RecordingDownloadError } from '../../../zoom/recordings.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { meetingsConnection } from '../meetings/meetings-connection.js';
import { findMeetingById } from '../meetings/meetings.repo.js';
import { findRecordingFile, type RecordingFileRow } from './recording-files.repo.js';
import { downloadTranscript } from './transcript-download.js';
import { moveTranscript } from './transcript-state.js';
import { hasTranscript, saveTranscript } from './transcripts.repo.js';
import { parseTranscriptVtt } from './vtt-transcript.js';

export const transcriptFetchJob = 'zoom.transcript.fetch';

const fetchAttempts = 5;

/** One job per recording file (field report 10): the key is the file, not the meeting. */
export async function enqueueTranscriptFetch(
  context: AppContext,
  file: RecordingFileRow,
): Promise<void> {
  await context.jobs.enqueue({
    name: transcriptFetchJob,
    payload: { recordingFileId: file.id },
    key: `transcript:${file.zoom_uuid}:${file.file_id}`,
    maxAttempts: fetchAttempts,
    userId: file.owner_id,
  });
}

/**
 * Downloads, checks and parses one transcript file and attaches the text to the activity.
 * Every ending leaves the activity a state and the log a reason: ready, partial (the file was
 * cut short), or failed with download_failed_auth, not_vtt, empty, file_gone, too_large or
 * download_failed. The text itself is never logged.
 */
export function createTranscriptFetchJob(context: AppContext): JobHandler {
  const { db } = context;
  const now = () => context.clock.now();

  return async ({ payload, attempt, jobId }) => {
    const file = await findRecordingFile(db, String(payload.recordingFileId));
    const meeting = file ? await findMeetingById(db, file.meeting_id) : undefined;

    if (!file || !meeting?.activity_id || meeting.state === 'deleted') return;

    if (await hasTranscript(db, meeting.id, file.file_id)) return;

    const log = context.logger.child({ jobId, meetingRowId: meeting.id, fileId: file.file_id });
    const fail = async (reason: string) => {
      await moveTranscript(db, meeting.id, 'failed', reason, now());
      log.warn({ reason }, 'transcript not attached');
    };
    const access = await meetingsConnection(db, meeting.owner_id);

    if ('problem' in access) return fail('not_connected');

    let downloaded;

    try {
      downloaded = await downloadTranscript(context, access.connection.id, file);
    } catch (error) {
      const reason = failureReason(error);

      if (reason === 'retry' && attempt < fetchAttempts) throw error;

      await fail(reason === 'retry' ? 'download_failed' : reason);
      throw new PermanentJobError(`transcript download: ${reason}`, { cause: error });
    }

    const parsed = parseTranscriptVtt(downloaded.text);

    if (!parsed.ok) return fail(parsed.reason);

    const complete = parsed.complete && !downloaded.truncated;

    await saveTranscript(
      db,
      {
        ownerId: meeting.owner_id,
        activityId: meeting.activity_id,
        meetingId: meeting.id,
        zoomUuid: file.zoom_uuid,
        fileId: file.file_id,
        status: complete ? 'ready' : 'partial',
        text: parsed.text,
        turns: parsed.turns,
        cueCount: parsed.cueCount,
      },
      now(),
    );
    await moveTranscript(
      db,
      meeting.id,
      complete ? 'ready' : 'partial',
      complete ? null : 'truncated',
      now(),
    );
    log.info(
      {
        cues: parsed.cueCount,
        turns: parsed.turns.length,
        bytes: downloaded.text.length,
        via: downloaded.via,
        complete,
      },
      'transcript attached',
    );
  };
}

function failureReason(error: unknown): string {
  if (error instanceof RecordingDownloadError) {
    switch (error.problem) {
      case 'auth':
        return 'download_failed_auth';
      case 'not_found':
        return 'file_gone';
      case 'too_large':
        return 'too_large';
      case 'wrong_type':
        return 'not_vtt';
      case 'untrusted_url':
        return 'untrusted_url';
      case 'unavailable':
        return 'retry';
    }
  }

  if (error instanceof ZoomError) {
    if (error.outcome === 'not_found') return 'file_gone';

    if (error.outcome === 'reconnect') return 'not_connected';

    return error.outcome === 'retry_later' ? 'retry' : 'download_failed';
  }

  return 'retry';
}
