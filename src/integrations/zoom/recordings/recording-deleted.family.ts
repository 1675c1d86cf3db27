import { z } from 'zod';
import { defineFamily } from '../../../webhooks/webhook-family.js';
import { markDeletedInZoom } from './recording-deleted.js';

// phone.recording_deleted (moved to Zoom's trash) and phone.recording_permanently_deleted
// (phone-webhooks.json): the account and, per recording, its id and call id. No user id.
const recordingDeletedSchema = z.looseObject({
  event: z.enum(['phone.recording_deleted', 'phone.recording_permanently_deleted']),
  event_ts: z.number().int().optional(),
  payload: z.looseObject({
    account_id: z.string().min(1).max(200),
    object: z.looseObject({
      recordings: z
        .array(
          z.looseObject({
            id: z.string().min(1).max(200),
            call_id: z.string().max(64).optional(),
          }),
        )
        .min(1)
        .max(300),
    }),
  }),
});

type RecordingDeleted = z.infer<typeof recordingDeletedSchema>;

/**
 * Recording references follow Zoom's retention: when Zoom deletes a phone recording, ours is
 * marked "Deleted in Zoom" and loses its download reference. Trash and permanent deletion are
 * treated alike: once in the trash Zoom no longer serves the file, and Zoom publishes no
 * "restored" event that would tell us it came back. Handled whatever the cards say
 * (`product: null`): forgetting a reference is never wrong.
 */
export const recordingDeletedFamily = defineFamily<RecordingDeleted>({
  events: ['phone.recording_deleted', 'phone.recording_permanently_deleted'],
  schema: recordingDeletedSchema,
  product: null,
  entry(event) {
    const ids = event.payload.object.recordings.map((recording) => recording.id).sort();

    return {
      dedupeKey: [event.event, ...ids].join('|'),
      zoomAccountId: event.payload.account_id,
      zoomUserId: null,
    };
  },
  async handle(context, event) {
    let marked = 0;

    for (const recording of event.payload.object.recordings) {
      marked += await markDeletedInZoom(
        context.db,
        { zoomAccountId: event.payload.account_id, zoomRecordingId: recording.id },
        context.clock.now(),
      );
    }

    context.logger.info({ zoomEvent: event.event, marked }, 'phone recordings deleted in zoom');

    return marked > 0 ? 'recording_marked_deleted' : 'recording_not_held';
  },
});
