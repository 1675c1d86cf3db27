import type { AppContext } from '../../app-context.js';
import { classifyOtherParty } from '../../crm/call-party.js';
import { recordCallEvent } from '../../crm/calls.repo.js';
import { findUserById } from '../../crm/users.repo.js';
import { maskPhone } from '../../lib/logger.js';
import { normalisePhone } from '../../crm/phone-number.js';
import { callEventSides, type PhoneCallEvent } from '../../webhooks/phone-call-event.schema.js';
import { observeCallEvent } from './call-event-observation.js';
import type { ZoomConnection } from './connections.repo.js';

/**
 * Turns one Zoom Phone call-status event into the agent's Call Activity: one row per Zoom call
 * id, linked to every contact whose number matches the other party (DESIGN.md §3).
 */
export async function logPhoneCallEvent(
  context: AppContext,
  connection: ZoomConnection,
  event: PhoneCallEvent,
): Promise<{ callId: string; created: boolean }> {
  const owner = await findUserById(context.db, connection.user_id);
  const region = owner?.default_region ?? context.config.DEFAULT_PHONE_REGION;
  const { direction, agent, other } = callEventSides(event);
  const agentNumber = normalisePhone(agent.phone_number, region)?.e164;
  const ownNumbers = [
    ...JSON.parse(connection.phone_numbers),
    ...(agentNumber ? [agentNumber] : []),
  ];
  const party = classifyOtherParty(other, { region, ownNumbers });
  const { call, created } = await recordCallEvent(
    context.db,
    context.dialect,
    {
      ownerId: connection.user_id,
      zoomCallId: event.payload.object.call_id,
      direction,
      observation: observeCallEvent(event),
      other: party,
    },
    context.clock.now(),
  );

  context.logger.info(
    {
      userId: connection.user_id,
      callId: call.id,
      zoomCallId: call.zoom_call_id,
      zoomEvent: event.event,
      status: call.status,
      match: call.match,
      number: maskPhone(party.e164 ?? party.raw),
    },
    created ? 'call logged' : 'call updated',
  );

  return { callId: call.id, created };
}
