// `POST /sim/calls` acts out a Zoom Phone call for a simulator user and answers 202 with the
// call id and the events it will send. `sequence` overrides the events, to act out the odd
// orders and duplicates Zoom can produce (WEBHOOKS.md §1.7-1.8).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { eventsFor, PHONE_CALL_EVENTS } from '../calls/call.types.js';
import { placeCall } from '../calls/place-call.js';
import { afterCallMedia } from '../phone-media/call-media.js';
import type { SimulatorContext } from '../context.js';
import { callPartyFields, licensedAgentOr4xx, namesTheAgent } from './call-request.js';
import { parseOr400 } from './control-errors.js';

const callInput = z
  .object({
    ...callPartyFields,
    outcome: z.enum(['answered', 'missed', 'rejected', 'voicemail']),
    talkSeconds: z.number().int().min(0).max(86_400).optional(),
    ringSeconds: z.number().int().min(0).max(600).optional(),
    sequence: z.array(z.enum(PHONE_CALL_EVENTS)).min(1).max(20).optional(),
    // Issue 6: a finished recording of the call (phone.recording_completed after its events).
    record: z.boolean().optional(),
  })
  .refine(...namesTheAgent)
  .refine(
    (input) => (input.sequence ?? []).every((event) => eventsFor(input.direction).includes(event)),
    { message: 'sequence: inbound calls raise phone.callee_* events, outbound phone.caller_*' },
  );

export function registerCallControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.post('/sim/calls', async (request, reply) => {
    const input = parseOr400(callInput, request.body, reply);

    if (!input) {
      return reply;
    }

    const agent = licensedAgentOr4xx(ctx, input, reply);

    if (!agent) {
      return reply;
    }

    const call = placeCall(ctx, agent, input);

    afterCallMedia(ctx, agent, call, input.record ?? false);

    return reply.code(202).send({ callId: call.callId, events: call.sequence });
  });
}
