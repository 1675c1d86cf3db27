import type { Db } from '../../../db/database.js';

/**
 * Zoom deleted the recording (its retention, or someone in Zoom): our row stays as the record
 * that there was one, marked so the UI says "Deleted in Zoom" and offers no play, and the
 * download reference goes. The column is NOT NULL (migration 005, and SQLite cannot relax that
 * without rebuilding the table), so "gone" is the empty string.
 */
export async function markDeletedInZoom(
  db: Db,
  where: { ownerId: string; id: string } | { zoomAccountId: string; zoomRecordingId: string },
  now: number,
): Promise<number> {
  let update = db
    .updateTable('phone_recordings')
    .set({ status: 'deleted_in_zoom', download_file_id: '', updated_at: now });

  if ('id' in where) {
    update = update.where('owner_id', '=', where.ownerId).where('id', '=', where.id);
  } else {
    // Zoom's deletion events name the account, not the user: every owner connected to that
    // account who holds the recording.
    update = update
      .where('zoom_recording_id', '=', where.zoomRecordingId)
      .where(
        'owner_id',
        'in',
        db
          .selectFrom('zoom_connections')
          .select('user_id')
          .where('zoom_account_id', '=', where.zoomAccountId),
      );
  }

  const result = await update.executeTakeFirst();

  return Number(result.numUpdatedRows);
}
