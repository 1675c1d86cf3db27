import { z } from 'zod';
import type { PhoneCallEvent } from '../../../webhooks/phone-call-event.schema.js';

export type CallLine = 'personal' | 'shared';

// `forwarded_by` and `redirect_forwarded_by` of the callee events (phone-webhooks.json,
// phone.callee_ringing; WEBHOOKS.md §3.0): present when a call queue, a shared line (group) or
// an auto receptionist routed the call to the agent.
const routedBySchema = z.looseObject({ extension_type: z.string().optional() });
const routingSchema = z.looseObject({
  callee: z.looseObject({ extension_type: z.string().optional() }),
  forwarded_by: routedBySchema.optional(),
  redirect_forwarded_by: routedBySchema.optional(),
});

// Routes that ring several people at once: a pop on every agent's screen would be noise, and
// a "call back" item would chase a caller a colleague already answered.
const sharedRoutes = new Set(['callQueue', 'sharedLineGroup', 'sharedLines']);

/**
 * Which line an inbound call rang on: `personal` when it was dialled to the agent's own number
 * or extension (an auto receptionist that put the caller through to this agent alone counts),
 * `shared` when a call queue or shared line routed it, or when the agent's side is not a user
 * extension at all. Unknown routing is read as shared: a missing pop is the safer mistake.
 * Outbound calls are the agent's own.
 */
export function lineOfCall(event: PhoneCallEvent): CallLine {
  if (event.event.startsWith('phone.caller_')) return 'personal';

  const parsed = routingSchema.safeParse(event.payload.object);

  if (!parsed.success) return 'shared';

  const { callee, forwarded_by: forwardedBy, redirect_forwarded_by: redirectedBy } = parsed.data;

  if (callee.extension_type !== undefined && callee.extension_type !== 'user') return 'shared';

  for (const routedBy of [forwardedBy, redirectedBy]) {
    if (!routedBy) continue;

    if (routedBy.extension_type === 'autoReceptionist') continue;

    if (routedBy.extension_type === undefined || sharedRoutes.has(routedBy.extension_type)) {
      return 'shared';
    }
  }

  return 'personal';
}
