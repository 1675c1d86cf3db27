import { z } from 'zod';

// One record of phone.*_call_element_completed (`call_elements[]`, v3) or
// phone.*_call_history_completed (`call_logs[]`, v2), as in phone-webhooks.json; both carry
// the same fields (WEBHOOKS.md §3.3). Only what call logging uses is named here.
export const callRecordSchema = z.looseObject({
  id: z.string().optional(),
  call_element_id: z.string().optional(),
  call_id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'call_id must be a string id'),
  direction: z.enum(['inbound', 'outbound']).optional(),
  connect_type: z.string().optional(),
  caller_name: z.string().optional(),
  caller_did_number: z.string().optional(),
  caller_ext_number: z.string().optional(),
  caller_ext_type: z.string().optional(),
  caller_number_type: z.string().optional(),
  callee_name: z.string().optional(),
  callee_did_number: z.string().optional(),
  callee_ext_number: z.string().optional(),
  callee_ext_type: z.string().optional(),
  callee_number_type: z.string().optional(),
  start_time: z.string(),
  answer_time: z.string().optional(),
  end_time: z.string().optional(),
  result: z.string(),
  talk_time: z.number().int().nonnegative().optional(),
  recording_id: z.string().optional(),
  voicemail_id: z.string().optional(),
});

export type CallHistoryRecord = z.infer<typeof callRecordSchema>;

export const callHistoryEvents = [
  'phone.caller_call_element_completed',
  'phone.callee_call_element_completed',
  'phone.caller_call_history_completed',
  'phone.callee_call_history_completed',
] as const;

export type CallHistoryEventName = (typeof callHistoryEvents)[number];

export const callHistoryEventSchema = z.looseObject({
  event: z.enum(callHistoryEvents),
  payload: z.looseObject({
    account_id: z.string().min(1),
    object: z.looseObject({
      user_id: z.string().min(1),
      call_elements: z.array(callRecordSchema).max(500).optional(),
      call_logs: z.array(callRecordSchema).max(500).optional(),
    }),
  }),
});

export type CallHistoryEvent = z.infer<typeof callHistoryEventSchema>;

export function callHistoryRecords(event: CallHistoryEvent): CallHistoryRecord[] {
  return [...(event.payload.object.call_elements ?? []), ...(event.payload.object.call_logs ?? [])];
}
