import { defineFamily } from '../../../webhooks/webhook-family.js';
import { downloadFileId } from '../voicemail/voicemail-event.schema.js';
import {
  phoneRecordingEventSchema,
  recordingUserId,
  type PhoneRecordingEvent,
} from './recording-event.schema.js';
import { savePhoneRecording } from './phone-recordings.repo.js';

/**
 * phone.recording_completed (WEBHOOKS.md §3.2): a row per recording with Zoom's ids and the
 * download reference. The audio itself stays at Zoom and is streamed on each play.
 */
export const phoneRecordingFamily = defineFamily<PhoneRecordingEvent>({
  events: ['phone.recording_completed'],
  schema: phoneRecordingEventSchema,
  product: 'phone',
  entry(event) {
    const recordings = event.payload.object.recordings;
    const first = recordings[0];

    return {
      dedupeKey: [event.event, ...recordings.map((r) => r.id).sort()].join('|'),
      zoomAccountId: event.payload.account_id,
      zoomUserId: first ? recordingUserId(first) : null,
    };
  },
  async handle(context, event, connection) {
    if (!connection) return 'unknown_zoom_user';

    let saved = 0;

    for (const item of event.payload.object.recordings) {
      const fileId = downloadFileId(item.download_url);

      // Call-queue recordings in the same event belong to other people's boxes.
      if (!fileId || recordingUserId(item) !== connection.zoom_user_id) continue;

      const recordedAt = Date.parse(item.date_time);
      const created = await savePhoneRecording(
        context.db,
        {
          ownerId: connection.user_id,
          zoomRecordingId: item.id,
          zoomCallId: item.call_id ?? null,
          downloadFileId: fileId,
          durationSeconds: item.duration ?? null,
          recordedAt: Number.isFinite(recordedAt) ? recordedAt : context.clock.now(),
        },
        context.clock.now(),
      );

      if (created) saved += 1;
    }

    context.logger.info({ userId: connection.user_id, saved }, 'phone recordings received');

    return saved > 0 ? 'recording_saved' : 'recording_known';
  },
});
