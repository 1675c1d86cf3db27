import type { Db } from '../../../db/database.js';
import type { ZoomMeetingsTable } from '../../../db/db-types.js';

type TranscriptState = ZoomMeetingsTable['transcript_state'];
type RecordingState = ZoomMeetingsTable['recording_state'];

/**
 * The transcript's state only moves forward, whatever order Zoom's events arrive in
 * (WEBHOOKS.md §1.8): each move names the states it may leave. `none` may still become
 * `fetching`, because a transcript Zoom finishes after our poll is still worth having.
 */
const transcriptMoves: Record<TranscriptState, readonly TranscriptState[]> = {
  waiting: [],
  pending: ['waiting'],
  fetching: ['waiting', 'pending', 'none', 'failed'],
  ready: ['fetching'],
  partial: ['fetching'],
  none: ['waiting', 'pending'],
  failed: ['fetching'],
};

const recordingMoves: Record<RecordingState, readonly RecordingState[]> = {
  waiting: [],
  recorded: ['waiting', 'no_recording'],
  no_recording: ['waiting'],
};

/** Moves the transcript state when the current one allows it; true when it moved. */
export async function moveTranscript(
  db: Db,
  meetingId: string,
  to: TranscriptState,
  reason: string | null,
  now: number,
): Promise<boolean> {
  if (transcriptMoves[to].length === 0) return false;

  const result = await db
    .updateTable('zoom_meetings')
    .set({ transcript_state: to, transcript_reason: reason, updated_at: now })
    .where('id', '=', meetingId)
    .where('transcript_state', 'in', [...transcriptMoves[to]])
    .executeTakeFirst();

  return Number(result.numUpdatedRows) > 0;
}

export async function moveRecording(
  db: Db,
  meetingId: string,
  to: RecordingState,
  now: number,
): Promise<boolean> {
  if (recordingMoves[to].length === 0) return false;

  const result = await db
    .updateTable('zoom_meetings')
    .set({ recording_state: to, updated_at: now })
    .where('id', '=', meetingId)
    .where('recording_state', 'in', [...recordingMoves[to]])
    .executeTakeFirst();

  return Number(result.numUpdatedRows) > 0;
}
