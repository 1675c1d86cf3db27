// Calls held open (not Zoom; our control API): `POST /sim/calls/held` starts one that rings,
// or rings and is picked up, and stays so; `POST /sim/calls/:callId/answer` picks a ringing one
// up; `POST /sim/calls/:callId/hangup` ends it (missed or cancelled if it was still ringing).
// `via` routes an inbound call through a call queue or shared line, as Zoom's `forwarded_by`.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { answerHeldCall, hangUpHeldCall, startHeldCall } from '../calls/held-call.js';
import type { SimulatorContext } from '../context.js';
import { type HeldCall, heldCallsOf } from '../state/held-calls.store.js';
import { callPartyFields, licensedAgentOr4xx, namesTheAgent } from './call-request.js';
import { parseOr400, sendControlError } from './control-errors.js';

const heldCallInput = z
  .object({
    ...callPartyFields,
    state: z.enum(['ringing', 'connected']).default('ringing'),
    via: z
      .object({
        type: z.enum(['callQueue', 'sharedLineGroup', 'sharedLines', 'autoReceptionist']),
        name: z.string().min(1).max(100).default('Sales Queue'),
        extensionNumber: z
          .string()
          .regex(/^\d{1,10}$/)
          .default('2900'),
      })
      .optional(),
  })
  .refine(...namesTheAgent)
  .refine((input) => input.via === undefined || input.direction === 'inbound', {
    message: 'via: only inbound calls are routed by a queue or shared line',
  });

const callParams = z.object({ callId: z.string().min(1).max(64) });

function describe(held: HeldCall) {
  return {
    callId: held.call.callId,
    userEmail: held.call.agent.email,
    direction: held.call.direction,
    state: held.state,
    externalNumber: held.call.external.number ?? null,
    externalName: held.call.external.name ?? null,
    via: held.via?.type ?? null,
    events: held.call.sequence,
  };
}

export function registerHeldCallRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const store = heldCallsOf(ctx.state);

  app.post('/sim/calls/held', async (request, reply) => {
    const input = parseOr400(heldCallInput, request.body, reply);

    if (!input) {
      return reply;
    }

    const agent = licensedAgentOr4xx(ctx, input, reply);

    if (!agent) {
      return reply;
    }

    const held = startHeldCall(ctx, agent, input);

    return reply.code(202).send(describe(held));
  });

  app.get('/sim/calls/held', async () => ({ calls: store.open().map(describe) }));

  for (const action of ['answer', 'hangup'] as const) {
    app.post(`/sim/calls/:callId/${action}`, async (request, reply) => {
      const params = parseOr400(callParams, request.params, reply);

      if (!params) {
        return reply;
      }

      const held = store.find(params.callId);

      if (!held) {
        return sendControlError(reply, 404, 'CALL_NOT_FOUND', 'no held call has this id');
      }

      if (held.state === 'ended') {
        return sendControlError(reply, 409, 'CALL_ENDED', 'this call has already ended');
      }

      if (action === 'answer' && held.state !== 'ringing') {
        return sendControlError(reply, 409, 'CALL_NOT_RINGING', 'this call is already answered');
      }

      if (action === 'answer') {
        answerHeldCall(ctx, held);
      } else {
        hangUpHeldCall(ctx, held);
      }

      return reply.code(202).send(describe(held));
    });
  }
}
