import { z } from 'zod';

// phone.voicemail_received `payload.object` (phone-webhooks.json; WEBHOOKS.md §3.1). Only what
// we act on is checked; Zoom's additions are kept and ignored.
export const voicemailEventSchema = z.looseObject({
  event: z.literal('phone.voicemail_received'),
  event_ts: z.number().int().optional(),
  payload: z.looseObject({
    account_id: z.string().min(1),
    object: z.looseObject({
      id: z.string().min(1).max(200),
      date_time: z.string().max(40),
      download_url: z.string().min(1).max(4000),
      duration: z.number().int().nonnegative().optional(),
      caller_user_id: z.string().max(100).optional(),
      caller_number: z.string().max(60).optional(),
      caller_number_type: z.number().int().optional(),
      caller_name: z.string().max(200).optional(),
      callee_user_id: z.string().max(100).optional(),
      callee_id: z.string().max(100).optional(),
      callee_extension_type: z.string().max(40).optional(),
      call_id: z.string().max(64).optional(),
    }),
  }),
});

export type VoicemailEvent = z.infer<typeof voicemailEventSchema>;

/** The file id at the end of Zoom's download_url (`…/phone/voice_mails/download/<fileId>`). */
export function downloadFileId(downloadUrl: string): string | null {
  const last = downloadUrl.split('?')[0]?.split('/').filter(Boolean).pop() ?? '';

  return /^[0-9A-Za-z_.~-]{1,200}$/.test(last) ? last : null;
}
