import { findUserById } from '../../../crm/users.repo.js';
import { maskPhone } from '../../../lib/logger.js';
import { defineFamily } from '../../../webhooks/webhook-family.js';
import { enqueueTranscription } from './voicemail-transcribe.job.js';
import { voicemailEventSchema, type VoicemailEvent } from './voicemail-event.schema.js';
import { voicemailFromZoom } from './voicemail-record.js';
import { saveVoicemail } from './voicemails.repo.js';

/**
 * phone.voicemail_received (WEBHOOKS.md §3.1): one voicemail row per Zoom voicemail id, then a
 * transcription job. A redelivery finds the row and enqueues nothing new.
 */
export const voicemailFamily = defineFamily<VoicemailEvent>({
  events: ['phone.voicemail_received'],
  schema: voicemailEventSchema,
  product: 'phone',
  entry(event) {
    const object = event.payload.object;

    return {
      dedupeKey: `${event.event}|${object.id}`,
      zoomAccountId: event.payload.account_id,
      // callee_id is the user id only for a user's own box; queues and shared lines have their
      // own ids there, and callee_user_id is then absent (WEBHOOKS.md §3.1 table).
      zoomUserId:
        object.callee_user_id ??
        (object.callee_extension_type === 'user' ? (object.callee_id ?? null) : null),
    };
  },
  async handle(context, event, connection) {
    if (!connection) return 'unknown_zoom_user';

    const object = event.payload.object;
    const owner = await findUserById(context.db, connection.user_id);
    const voicemail = voicemailFromZoom(
      object,
      {
        ownerId: connection.user_id,
        region: owner?.default_region ?? context.config.DEFAULT_PHONE_REGION,
        ownNumbers: JSON.parse(connection.phone_numbers),
      },
      { whisperConfigured: Boolean(context.whisper), now: context.clock.now() },
    );

    if (!voicemail) return 'no_download_reference';

    const { row, created } = await saveVoicemail(context.db, voicemail, context.clock.now());

    context.logger.info(
      { userId: connection.user_id, voicemailId: row.id, number: maskPhone(voicemail.callerE164) },
      created ? 'voicemail received' : 'voicemail redelivered',
    );

    if (!created) return 'voicemail_known';

    await enqueueTranscription(context, row);

    return 'voicemail_saved';
  },
});
