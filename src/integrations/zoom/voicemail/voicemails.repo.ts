import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { VoicemailStatus, VoicemailsTable } from '../../../db/voicemail-tables.js';
import { newId } from '../../../lib/ids.js';

export type VoicemailRow = Selectable<VoicemailsTable>;

export interface NewVoicemail {
  ownerId: string;
  zoomVoicemailId: string;
  zoomCallId: string | null;
  callerNumberRaw: string | null;
  callerE164: string | null;
  callerName: string | null;
  downloadFileId: string;
  durationSeconds: number | null;
  receivedAt: number;
  status: VoicemailStatus;
  zoomTranscript: string | null;
}

/** Inserts the voicemail once per Zoom id; a redelivered event returns the existing row. */
export async function saveVoicemail(
  db: Db,
  voicemail: NewVoicemail,
  now: number,
): Promise<{ row: VoicemailRow; created: boolean }> {
  const inserted = await db
    .insertInto('voicemails')
    .values({
      id: newId(),
      owner_id: voicemail.ownerId,
      zoom_voicemail_id: voicemail.zoomVoicemailId,
      zoom_call_id: voicemail.zoomCallId,
      call_id: null,
      caller_number_raw: voicemail.callerNumberRaw,
      caller_e164: voicemail.callerE164,
      caller_name: voicemail.callerName,
      download_file_id: voicemail.downloadFileId,
      duration_seconds: voicemail.durationSeconds,
      received_at: voicemail.receivedAt,
      status: voicemail.status,
      failure_reason: null,
      transcript: null,
      transcript_engine: null,
      zoom_transcript: voicemail.zoomTranscript,
      retry_count: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((c) => c.columns(['owner_id', 'zoom_voicemail_id']).doNothing())
    .returningAll()
    .executeTakeFirst();

  if (inserted) return { row: inserted, created: true };

  const existing = await db
    .selectFrom('voicemails')
    .selectAll()
    .where('owner_id', '=', voicemail.ownerId)
    .where('zoom_voicemail_id', '=', voicemail.zoomVoicemailId)
    .executeTakeFirstOrThrow();

  return { row: existing, created: false };
}

export function findVoicemail(db: Db, ownerId: string, id: string) {
  return db
    .selectFrom('voicemails')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setVoicemailState(
  db: Db,
  ownerId: string,
  id: string,
  change: Partial<
    Pick<VoicemailRow, 'status' | 'failure_reason' | 'transcript' | 'transcript_engine'>
  > & { retryCount?: number },
  now: number,
): Promise<void> {
  const { retryCount, ...columns } = change;

  await db
    .updateTable('voicemails')
    .set({
      ...columns,
      ...(retryCount !== undefined && { retry_count: retryCount }),
      updated_at: now,
    })
    .where('owner_id', '=', ownerId)
    .where('id', '=', id)
    .execute();
}

export function listVoicemailRows(db: Db, ownerId: string, limit: number) {
  return db
    .selectFrom('voicemails')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
