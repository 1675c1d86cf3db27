// `forwarded_by` on the callee events whose schemas list it (phone-webhooks.json:
// callee_ringing, callee_answered, callee_missed, callee_ended; not callee_rejected), for calls a
// call queue or shared line routed to the agent (WEBHOOKS.md §3.0).
import type { Forwarding } from '../state/held-calls.store.js';
import type { PhoneCallEventBody } from './call-events.js';
import type { PhoneCallEvent } from './call.types.js';

const CARRIES_FORWARDED_BY = new Set<PhoneCallEvent>([
  'phone.callee_ringing',
  'phone.callee_answered',
  'phone.callee_missed',
  'phone.callee_ended',
]);

export function withForwarding(
  body: PhoneCallEventBody,
  via: Forwarding | undefined,
): PhoneCallEventBody {
  if (!via || !CARRIES_FORWARDED_BY.has(body.event)) {
    return body;
  }

  body.payload.object.forwarded_by = {
    name: via.name,
    // A string here, unlike the parties' integer extension_number (the schema says so).
    extension_number: via.extensionNumber,
    extension_type: via.type,
  };

  return body;
}
