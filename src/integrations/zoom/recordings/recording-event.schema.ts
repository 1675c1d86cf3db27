import { z } from 'zod';

// phone.recording_completed `payload.object.recordings[]` (phone-webhooks.json; WEBHOOKS.md
// §3.2). Only what we act on is checked; Zoom's additions are kept and ignored.
const phoneRecordingSchema = z.looseObject({
  id: z.string().min(1).max(200),
  download_url: z.string().min(1).max(4000),
  duration: z.number().int().nonnegative().optional(),
  date_time: z.string().max(40),
  user_id: z.string().max(100).optional(),
  call_id: z.string().max(64).optional(),
  direction: z.string().max(20).optional(),
  owner: z.looseObject({ type: z.string().max(40), id: z.string().max(100) }).optional(),
});

export type PhoneRecordingItem = z.infer<typeof phoneRecordingSchema>;

export const phoneRecordingEventSchema = z.looseObject({
  event: z.literal('phone.recording_completed'),
  event_ts: z.number().int().optional(),
  payload: z.looseObject({
    account_id: z.string().min(1),
    object: z.looseObject({ recordings: z.array(phoneRecordingSchema).min(1).max(100) }),
  }),
});

export type PhoneRecordingEvent = z.infer<typeof phoneRecordingEventSchema>;

/** Whose recording it is: the user id, or the owner when the owner is a user. */
export function recordingUserId(item: PhoneRecordingItem): string | null {
  return item.user_id ?? (item.owner?.type === 'user' ? item.owner.id : null);
}
