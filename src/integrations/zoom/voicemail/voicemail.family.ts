import { classifyOtherParty } from '../../../crm/call-party.js';
import { findUserById } from '../../../crm/users.repo.js';
import { maskPhone } from '../../../lib/logger.js';
import { defineFamily } from '../../../webhooks/webhook-family.js';
import { enqueueTranscription } from './voicemail-transcribe.job.js';
import {
  downloadFileId,
  voicemailEventSchema,
  type VoicemailEvent,
} from './voicemail-event.schema.js';
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
    const fileId = downloadFileId(object.download_url);

    if (!fileId) return 'no_download_reference';

    const owner = await findUserById(context.db, connection.user_id);
    const region = owner?.default_region ?? context.config.DEFAULT_PHONE_REGION;
    const caller = classifyOtherParty(
      {
        phone_number: object.caller_number,
        name: object.caller_name,
        user_id: object.caller_user_id,
        extension_type: object.caller_number_type === 1 ? 'user' : 'pstn',
      },
      { region, ownNumbers: JSON.parse(connection.phone_numbers) },
    );
    const receivedAt = Date.parse(object.date_time);
    const { row, created } = await saveVoicemail(
      context.db,
      {
        ownerId: connection.user_id,
        zoomVoicemailId: object.id,
        zoomCallId: object.call_id ?? null,
        callerNumberRaw: caller.raw,
        callerE164: caller.kind === 'pstn' ? caller.e164 : null,
        callerName: caller.name,
        downloadFileId: fileId,
        durationSeconds: object.duration ?? null,
        receivedAt: Number.isFinite(receivedAt) ? receivedAt : context.clock.now(),
        status: context.whisper ? 'pending' : 'not_configured',
        zoomTranscript: null,
      },
      context.clock.now(),
    );

    context.logger.info(
      { userId: connection.user_id, voicemailId: row.id, number: maskPhone(caller.e164) },
      created ? 'voicemail received' : 'voicemail redelivered',
    );

    if (!created) return 'voicemail_known';

    await enqueueTranscription(context, row);

    return 'voicemail_saved';
  },
});
