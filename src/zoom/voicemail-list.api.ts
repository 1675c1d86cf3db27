import { z } from 'zod';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// One voice_mails[] item of GET /phone/users/me/voice_mails (phone-api.json "Get user's
// voicemails"; API.md §5.5). Only what we keep is checked; `transcription` is Zoom's own text
// (API.md lists it on items; status 2 = done).
const voicemailItemSchema = z.looseObject({
  id: z.string().min(1).max(200),
  call_id: z.string().max(64).optional(),
  caller_name: z.string().max(200).optional(),
  caller_number: z.string().max(60).optional(),
  caller_number_type: z.number().int().optional(),
  date_time: z.string().max(40),
  download_url: z.string().min(1).max(4000),
  duration: z.number().int().nonnegative().optional(),
  transcription: z
    .looseObject({
      content: z.string().max(100_000).optional(),
      status: z.number().int().optional(),
    })
    .optional(),
});

// The page around the items. Items are checked one by one, so one odd item costs that item
// only, not the page (and with it the rest of the import).
const voicemailPageSchema = z.looseObject({
  next_page_token: z.string().optional(),
  voice_mails: z.array(z.unknown()).optional(),
});

export type ZoomVoicemailItem = z.infer<typeof voicemailItemSchema>;

export interface VoicemailListPage {
  voicemails: ZoomVoicemailItem[];
  /** Items that did not have the published shape (no download_url, say), skipped. */
  skipped: number;
  /** Empty when this was the last page. Zoom lets it live 15 minutes. */
  nextPageToken: string;
}

/**
 * Lists the agent's voicemails left between `from` and `to` (at most one month, within the
 * last six; phone:read:list_voicemails). `status=all`: read ones are voicemails too.
 */
export async function listVoicemails(
  settings: ZoomHttpSettings,
  accessToken: string,
  params: { from: string; to: string; pageSize: number; nextPageToken?: string | null },
): Promise<VoicemailListPage> {
  const operation = 'phone.voice_mails';
  const response = await sendZoomRequest({
    operation,
    url: `${settings.apiUrl}/phone/users/me/voice_mails`,
    accessToken,
    query: {
      from: params.from,
      to: params.to,
      status: 'all',
      page_size: params.pageSize,
      next_page_token: params.nextPageToken ?? undefined,
    },
    timeoutMs: settings.timeoutMs,
  });
  const page = await readZoomJson(operation, response, voicemailPageSchema);
  const items = (page.voice_mails ?? []).map((item) => voicemailItemSchema.safeParse(item));
  const voicemails = items.flatMap((item) => (item.success ? [item.data] : []));

  return {
    voicemails,
    skipped: items.length - voicemails.length,
    nextPageToken: page.next_page_token ?? '',
  };
}
