// `POST /sim/traffic` shapes the REST API's behaviour (rate limit, latency, 5xx share, a 429
// stretch); `GET` shows it; `DELETE` turns it off. `POST /sim/users/:user/history` seeds a past.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { seedHistory } from '../calls/history-seed.js';
import type { SimulatorContext } from '../context.js';
import { parseOr400, sendControlError } from './control-errors.js';

const trafficInput = z.object({
  perSecond: z.number().positive().max(10_000).optional(),
  burst: z.number().int().positive().max(10_000).optional(),
  dailyLimit: z.number().int().min(0).max(10_000_000).optional(),
  retryAfter: z.enum(['seconds', 'date', 'none']).optional(),
  latencyMs: z.number().min(0).max(60_000).optional(),
  jitterMs: z.number().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  throttleForMs: z.number().int().min(0).max(3_600_000).optional(),
  seed: z.number().int().optional(),
});

const historyInput = z.object({
  count: z.number().int().min(1).max(100_000),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()),
  numbers: z.array(z.string().min(1).max(40)).max(10_000).optional(),
  seed: z.number().int().optional(),
  /** Calls that went to voicemail leave one in Zoom's voicemail list too. */
  voicemails: z.boolean().optional(),
});

export function registerTrafficControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { traffic } = ctx.state;

  app.get('/sim/traffic', async () => ({ traffic: traffic.current() }));

  app.post('/sim/traffic', async (request, reply) => {
    const input = parseOr400(trafficInput, request.body, reply);

    if (!input) return reply;

    const { throttleForMs, ...settings } = input;

    return {
      traffic: traffic.configure({
        ...settings,
        ...(throttleForMs !== undefined && { throttledUntil: ctx.state.now() + throttleForMs }),
      }),
    };
  });

  app.delete('/sim/traffic', async (_request, reply) => {
    traffic.reset();

    return reply.code(204).send();
  });

  app.post('/sim/users/:user/history', async (request, reply) => {
    const input = parseOr400(historyInput, request.body, reply);

    if (!input) return reply;

    const key = (request.params as { user: string }).user;
    const agent = ctx.state.users.findByEmail(key) ?? ctx.state.users.findById(key);

    if (!agent) {
      return sendControlError(
        reply,
        404,
        'NO_SUCH_USER',
        'no simulated user with that id or email',
      );
    }

    const fromMs = Date.parse(input.from);
    const toMs = Date.parse(input.to);

    if (!(fromMs < toMs)) {
      return sendControlError(reply, 400, 'INVALID_REQUEST', 'from must be before to');
    }

    const added = seedHistory(ctx, agent, {
      count: input.count,
      fromMs,
      toMs,
      ...(input.numbers && { numbers: input.numbers }),
      ...(input.seed !== undefined && { seed: input.seed }),
      ...(input.voicemails && { voicemails: true }),
    });

    return reply.code(201).send({ added });
  });
}
