// `POST /sim/webhooks/validate` runs Zoom's endpoint check against the configured webhook URL;
// `POST /sim/webhooks/redeliver` sends one event of a past call again, freshly signed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { PHONE_CALL_EVENTS } from '../calls/call.types.js';
import { resendEvent } from '../calls/place-call.js';
import type { SimulatorContext } from '../context.js';
import { validateEndpoint } from '../webhooks/url-validation.js';
import { parseOr400, sendControlError } from './control-errors.js';

const redeliverInput = z.object({
  callId: z.string().min(1),
  event: z.enum(PHONE_CALL_EVENTS),
});

export function registerWebhookControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.post('/sim/webhooks/validate', async () => {
    return validateEndpoint(ctx.settings(), ctx.state.now(), ctx.dispatcher.signal);
  });

  app.post('/sim/webhooks/redeliver', async (request, reply) => {
    const input = parseOr400(redeliverInput, request.body, reply);

    if (!input) {
      return reply;
    }

    const call = ctx.state.calls.find(input.callId);

    if (!call) {
      return sendControlError(reply, 404, 'CALL_NOT_FOUND', 'no simulated call has this id');
    }

    if (!call.sequence.includes(input.event)) {
      return sendControlError(reply, 404, 'EVENT_NOT_SENT', 'this call never sent that event');
    }

    resendEvent(ctx, call, input.event);

    return reply.code(202).send({ callId: call.callId, events: [input.event] });
  });
}
