import type { Db } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';

export interface NewPhoneRecording {
  ownerId: string;
  zoomRecordingId: string;
  zoomCallId: string | null;
  downloadFileId: string;
  durationSeconds: number | null;
  recordedAt: number;
}

/** One row per Zoom recording id and owner; a redelivery changes nothing. */
export async function savePhoneRecording(
  db: Db,
  recording: NewPhoneRecording,
  now: number,
): Promise<boolean> {
  const inserted = await db
    .insertInto('phone_recordings')
    .values({
      id: newId(),
      owner_id: recording.ownerId,
      zoom_recording_id: recording.zoomRecordingId,
      zoom_call_id: recording.zoomCallId,
      download_file_id: recording.downloadFileId,
      duration_seconds: recording.durationSeconds,
      recorded_at: recording.recordedAt,
      status: 'available',
      created_at: now,
      updated_at: now,
    })
    .onConflict((c) => c.columns(['owner_id', 'zoom_recording_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

  return inserted !== undefined;
}

export function findPhoneRecording(db: Db, ownerId: string, id: string) {
  return db
    .selectFrom('phone_recordings')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markRecordingStatus(
  db: Db,
  ownerId: string,
  id: string,
  status: 'available' | 'download_failed_auth',
  now: number,
): Promise<void> {
  await db
    .updateTable('phone_recordings')
    .set({ status, updated_at: now })
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .execute();
}

/** The access log: who played which recording, when, and which bytes they asked for. */
export async function logRecordingPlay(
  db: Db,
  play: { userId: string; recordingId: string; range: string | null; outcome: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('recording_plays')
    .values({
      id: newId(),
      user_id: play.userId,
      recording_id: play.recordingId,
      range: play.range,
      outcome: play.outcome,
      played_at: now,
    })
    .execute();
}

/** The agent's recordings, newest first, as the call rows need them. */
export async function listPhoneRecordings(db: Db, ownerId: string) {
  const rows = await db
    .selectFrom('phone_recordings')
    .select(['id', 'zoom_call_id', 'duration_seconds', 'recorded_at', 'status'])
    .where('owner_id', '=', ownerId)
    .orderBy('recorded_at', 'desc')
    .limit(500)
    .execute();

  return rows.map((row) => ({
    id: row.id,
    zoomCallId: row.zoom_call_id,
    durationSeconds: row.duration_seconds,
    recordedAt: new Date(row.recorded_at).toISOString(),
    status: row.status,
    audioUrl: `/api/recordings/${row.id}/audio`,
  }));
}
