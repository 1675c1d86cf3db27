import { recordingEventSchema, recordingEvents } from '../../../webhooks/recording-event.schema.js';
import { defineFamily } from '../../../webhooks/webhook-family.js';
import { handleRecordingEvent } from './recording-event.handler.js';

/**
 * recording.completed and recording.transcript_completed of meetings made from activities.
 * A redelivery is the same event about the same meeting instance and files; it differs only
 * in its download URLs and token (field report 5), so those stay out of the key.
 */
export const recordingFamily = defineFamily({
  events: recordingEvents,
  schema: recordingEventSchema,
  product: 'meetings',
  entry(event) {
    const { object, account_id } = event.payload;
    const fileIds = object.recording_files.map((file) => file.id ?? file.file_type).sort();

    return {
      dedupeKey: [event.event, object.uuid, ...fileIds].join('|'),
      zoomAccountId: account_id ?? object.account_id ?? null,
      zoomUserId: object.host_id,
    };
  },
  handle: handleRecordingEvent,
});
