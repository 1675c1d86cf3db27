import type { AppContext } from '../../../app-context.js';
import { findUserById } from '../../../crm/users.repo.js';
import type { ZoomVoicemailItem } from '../../../zoom/voicemail-list.api.js';
import type { ZoomConnection } from '../connections.repo.js';
import { voicemailFromZoom } from '../voicemail/voicemail-record.js';
import { saveVoicemail, type VoicemailRow } from '../voicemail/voicemails.repo.js';

/**
 * Stores one page of Zoom's voicemail list in one transaction and returns the rows to queue
 * for transcription: the new ones, and any earlier one still pending (a step that crashed
 * after its commit). Returns null, writing nothing, when Phone was disconnected or the run
 * cancelled meanwhile: the transaction first claims the connection and the run rows, so it
 * either commits before a disconnect's update of them or sees that update and stops.
 */
export async function importVoicemailPage(
  context: AppContext,
  step: { runId: string; userId: string },
  connection: ZoomConnection,
  items: ZoomVoicemailItem[],
): Promise<VoicemailRow[] | null> {
  const owner = await findUserById(context.db, step.userId);
  const region = owner?.default_region ?? context.config.DEFAULT_PHONE_REGION;
  const ownNumbers: string[] = JSON.parse(connection.phone_numbers);
  const now = context.clock.now();

  return context.db.transaction().execute(async (trx) => {
    // Writing a column its own value takes the row's lock without changing anything.
    const phoneOn = await trx
      .updateTable('zoom_connections')
      .set({ phone_state: 'connected' })
      .where('id', '=', connection.id)
      .where('status', '=', 'connected')
      .where('phone_state', '=', 'connected')
      .executeTakeFirst();
    const runOn = await trx
      .updateTable('backfill_runs')
      .set({ updated_at: now })
      .where('id', '=', step.runId)
      .where('status', '!=', 'cancelled')
      .executeTakeFirst();

    if (Number(phoneOn.numUpdatedRows) === 0 || Number(runOn.numUpdatedRows) === 0) return null;

    const toTranscribe: VoicemailRow[] = [];

    for (const item of items) {
      const zoomTranscript =
        item.transcription?.status === 2 ? (item.transcription.content ?? null) : null;
      const voicemail = voicemailFromZoom(
        item,
        { ownerId: step.userId, region, ownNumbers },
        { whisperConfigured: Boolean(context.whisper), now, zoomTranscript },
      );

      if (!voicemail) continue;

      const { row, created } = await saveVoicemail(trx, voicemail, now);

      if (created || row.status === 'pending') toTranscribe.push(row);
    }

    return toTranscribe;
  });
}
