import { z } from 'zod';

// Party object of the call-status events (phone-webhooks.json, e.g. phone.callee_ended
// `payload.object.caller`; WEBHOOKS.md §3.0). Unknown fields are kept and ignored.
const partySchema = z.looseObject({
  user_id: z.string().optional(),
  name: z.string().optional(),
  phone_number: z.string().optional(),
  extension_number: z.union([z.number(), z.string()]).optional(),
  extension_type: z.string().optional(),
  connection_type: z.string().optional(),
  timezone: z.string().optional(),
});

export type CallParty = z.infer<typeof partySchema>;

// `payload.object` shared by phone.caller_* and phone.callee_* (WEBHOOKS.md §3.0 table). The
// call id is a 19-digit string; a number there would already have lost digits in JSON.parse.
const callObjectSchema = z.looseObject({
  call_id: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'call_id must be a string id'),
  caller: partySchema,
  callee: partySchema,
  ringing_start_time: z.string().optional(),
  connected_start_time: z.string().optional(),
  answer_start_time: z.string().optional(),
  call_end_time: z.string().optional(),
  handup_result: z.string().optional(),
});

export const phoneCallEvents = [
  'phone.caller_ringing',
  'phone.caller_connected',
  'phone.caller_ended',
  'phone.callee_ringing',
  'phone.callee_answered',
  'phone.callee_missed',
  'phone.callee_ended',
  'phone.callee_rejected',
] as const;

export type PhoneCallEventName = (typeof phoneCallEvents)[number];

export const phoneCallEventSchema = z.looseObject({
  event: z.enum(phoneCallEvents),
  event_ts: z.number().int().optional(),
  payload: z.looseObject({
    account_id: z.string().min(1),
    object: callObjectSchema,
  }),
});

export type PhoneCallEvent = z.infer<typeof phoneCallEventSchema>;

/** Caller events belong to the calling user, callee events to the called one (WEBHOOKS.md §2.1). */
export function callEventSides(event: PhoneCallEvent) {
  const outbound = event.event.startsWith('phone.caller_');
  const { caller, callee } = event.payload.object;

  return outbound
    ? { direction: 'outbound' as const, agent: caller, other: callee }
    : { direction: 'inbound' as const, agent: callee, other: caller };
}
