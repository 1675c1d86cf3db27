import type { Db } from '../../db/database.js';
import { backfillMaxAttempts, backfillPageJob } from './backfill/backfill-page.job.js';
import { voicemailBackfillJob } from './backfill/voicemail-backfill.job.js';
import { meetingCreateJob } from './meetings/meeting-create.job.js';
import { meetingDeleteJob } from './meetings/meeting-delete.job.js';
import { meetingUpdateJob } from './meetings/meeting-update.job.js';
import { meetingWriteAttempts } from './meetings/meeting-write-failure.js';
import type { HeldJobSpec } from './reconnect-hold.js';
import { transcriptFetchJob } from './transcripts/transcript-fetch.job.js';
import { transcriptPollJob } from './transcripts/transcript-poll.job.js';
import {
  voicemailTranscribeAttempts,
  voicemailTranscribeJob,
} from './voicemail/voicemail-transcribe.job.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

async function meetingOwner(db: Db, payload: Record<string, unknown>) {
  const row = await db
    .selectFrom('zoom_meetings')
    .select('owner_id')
    .where('id', '=', text(payload.meetingId))
    .executeTakeFirst();

  return row?.owner_id;
}

const meetingJob: HeldJobSpec = { ownerOf: meetingOwner, maxAttempts: meetingWriteAttempts };

/**
 * The jobs that call Zoom with a user's grant, and so wait while it is dead. Not here: the
 * webhook processor (its events are dropped for a connection that is not connected, by
 * design), the revoke retry and the compliance acknowledgement (they use no user grant), and
 * the retention sweep. A new Zoom job adds itself here.
 */
export const heldJobSpecs: Readonly<Record<string, HeldJobSpec>> = {
  [meetingCreateJob]: meetingJob,
  [meetingUpdateJob]: meetingJob,
  // Eight, as enqueueMeetingDelete gives it.
  [meetingDeleteJob]: { ownerOf: meetingOwner, maxAttempts: 8 },
  // Three, as enqueueTranscriptPoll gives it.
  [transcriptPollJob]: { ownerOf: meetingOwner, maxAttempts: 3 },
  [transcriptFetchJob]: {
    ownerOf: async (db, payload) =>
      (
        await db
          .selectFrom('meeting_recording_files')
          .select('owner_id')
          .where('id', '=', text(payload.recordingFileId))
          .executeTakeFirst()
      )?.owner_id,
    // Five, as enqueueTranscriptFetch gives it.
    maxAttempts: 5,
  },
  [voicemailTranscribeJob]: {
    ownerOf: async (_db, payload) => text(payload.ownerId) || undefined,
    maxAttempts: voicemailTranscribeAttempts,
  },
  [backfillPageJob]: {
    ownerOf: async (db, payload) =>
      (
        await db
          .selectFrom('backfill_runs')
          .select('user_id')
          .where('id', '=', text(payload.runId))
          .executeTakeFirst()
      )?.user_id,
    maxAttempts: backfillMaxAttempts,
  },
  [voicemailBackfillJob]: {
    ownerOf: async (_db, payload) => text(payload.userId) || undefined,
    maxAttempts: backfillMaxAttempts,
  },
};
