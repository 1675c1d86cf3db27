import type { Selectable } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { MeetingRecordingFilesTable } from '../../../db/db-types.js';
import { newId } from '../../../lib/ids.js';
import type { TokenCipher } from '../../../lib/token-cipher.js';

export type RecordingFileRow = Selectable<MeetingRecordingFilesTable>;

export interface IncomingFile {
  id?: string | undefined;
  file_type: string;
  file_extension?: string | undefined;
  recording_type?: string | undefined;
  file_size?: number | undefined;
  status?: string | undefined;
  download_url?: string | undefined;
}

/**
 * Records the files of one meeting instance, one row per (uuid, file id) under the unique
 * constraint (field report 5): a file seen again, in a redelivery or a later listing, only
 * refreshes its download URL and token, which Zoom issues anew each time. Files without an id
 * (CC, TIMELINE in listings, API.md §4.3) are not kept. Returns the rows as stored.
 */
export async function storeRecordingFiles(
  db: Db,
  cipher: TokenCipher,
  meeting: { id: string; ownerId: string },
  zoomUuid: string,
  files: IncomingFile[],
  downloadToken: string | undefined,
  now: number,
): Promise<RecordingFileRow[]> {
  const stored: RecordingFileRow[] = [];
  const tokenEnc = downloadToken ? cipher.seal(downloadToken) : null;

  for (const file of files) {
    if (!file.id) continue;

    const fresh = {
      file_type: file.file_type.toUpperCase(),
      file_extension: file.file_extension ?? null,
      recording_type: file.recording_type ?? null,
      file_size: file.file_size ?? null,
      status: file.status ?? null,
      download_url: file.download_url ?? null,
      updated_at: now,
    };
    const row = await db
      .insertInto('meeting_recording_files')
      .values({
        id: newId(),
        meeting_id: meeting.id,
        owner_id: meeting.ownerId,
        zoom_uuid: zoomUuid,
        file_id: file.id,
        download_token_enc: tokenEnc,
        created_at: now,
        ...fresh,
      })
      .onConflict((oc) =>
        oc.columns(['zoom_uuid', 'file_id']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          download_url: eb.fn.coalesce(
            'excluded.download_url',
            'meeting_recording_files.download_url',
          ),
          download_token_enc: eb.fn.coalesce(
            'excluded.download_token_enc',
            'meeting_recording_files.download_token_enc',
          ),
          updated_at: now,
        })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();

    stored.push(row);
  }

  return stored;
}

export function findRecordingFile(db: Db, id: string) {
  return db
    .selectFrom('meeting_recording_files')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countRecordingFiles(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_recording_files')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();

  return Number(row?.count ?? 0);
}
