import type { Db } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';
import type { TranscriptTurn } from './vtt-transcript.js';

export interface NewTranscript {
  ownerId: string;
  activityId: string;
  meetingId: string;
  zoomUuid: string;
  fileId: string;
  status: 'ready' | 'partial';
  text: string;
  turns: TranscriptTurn[];
  cueCount: number;
}

/** Attaches a transcript to its activity once per recording file; false when it was there. */
export async function saveTranscript(db: Db, transcript: NewTranscript, now: number) {
  const inserted = await db
    .insertInto('meeting_transcripts')
    .values({
      id: newId(),
      owner_id: transcript.ownerId,
      activity_id: transcript.activityId,
      meeting_id: transcript.meetingId,
      zoom_uuid: transcript.zoomUuid,
      file_id: transcript.fileId,
      status: transcript.status,
      text: transcript.text,
      turns: JSON.stringify(transcript.turns),
      cue_count: transcript.cueCount,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['meeting_id', 'file_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

  return inserted !== undefined;
}

export function hasTranscript(db: Db, meetingId: string, fileId: string) {
  return db
    .selectFrom('meeting_transcripts')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('file_id', '=', fileId)
    .executeTakeFirst()
    .then((row) => row !== undefined);
}

/** The newest transcript on one of the owner's activities. */
export function transcriptOfActivity(db: Db, ownerId: string, activityId: string) {
  return db
    .selectFrom('meeting_transcripts')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('activity_id', '=', activityId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
