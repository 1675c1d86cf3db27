import { z } from 'zod';
import { callRecordSchema, type CallHistoryRecord } from '../webhooks/call-history-event.schema.js';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// GET /phone/users/me/call_history (API.md §5.2; phone-api.json "Get user's call history").
// Zoom sends the same calls in the transitional `call_logs` and the new `call_elements`.
const callHistoryPageSchema = z.object({
  next_page_token: z.string().optional(),
  total_records: z.number().int().optional(),
  call_elements: z.array(callRecordSchema).optional(),
  call_logs: z.array(callRecordSchema).optional(),
});

export interface CallHistoryPage {
  records: CallHistoryRecord[];
  /** Empty when this was the last page. Zoom lets it live 15 minutes. */
  nextPageToken: string;
  totalRecords: number | undefined;
}

export async function listCallHistory(
  settings: ZoomHttpSettings,
  accessToken: string,
  params: { from: string; to: string; pageSize: number; nextPageToken?: string | null },
): Promise<CallHistoryPage> {
  const response = await sendZoomRequest({
    operation: 'phone.call_history',
    url: `${settings.apiUrl}/phone/users/me/call_history`,
    accessToken,
    query: {
      from: params.from,
      to: params.to,
      page_size: params.pageSize,
      next_page_token: params.nextPageToken ?? undefined,
    },
    timeoutMs: settings.timeoutMs,
  });
  const page = await readZoomJson('phone.call_history', response, callHistoryPageSchema);
  const elements = page.call_elements ?? [];

  return {
    records: elements.length > 0 ? elements : (page.call_logs ?? []),
    nextPageToken: page.next_page_token ?? '',
    totalRecords: page.total_records,
  };
}
