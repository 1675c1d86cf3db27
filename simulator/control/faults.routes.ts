// `POST /sim/faults` makes the next `times` requests to one method and path answer with a
// given status (and body, and Retry-After); `GET` lists what is left; `DELETE` clears them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { parseOr400 } from './control-errors.js';

const faultInput = z.object({
  method: z.string().regex(/^[A-Za-z]+$/),
  path: z.string().startsWith('/'),
  status: z.number().int().min(100).max(599),
  body: z.unknown().optional(),
  times: z.number().int().min(1).max(10_000).default(1),
  // API.md §6.2: Zoom has sent Retry-After as a date as well as in seconds; both pass through.
  retryAfter: z.union([z.string().min(1), z.number().int().min(0)]).optional(),
});

export function registerFaultControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { faults } = ctx.state;

  app.get('/sim/faults', async () => ({ faults: faults.list() }));

  app.post('/sim/faults', async (request, reply) => {
    const input = parseOr400(faultInput, request.body, reply);

    if (!input) {
      return reply;
    }

    faults.add({
      method: input.method,
      path: input.path,
      status: input.status,
      remaining: input.times,
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.retryAfter !== undefined ? { retryAfter: String(input.retryAfter) } : {}),
    });

    return reply.code(201).send({ faults: faults.list() });
  });

  app.delete('/sim/faults', async (_request, reply) => {
    faults.clear();

    return reply.code(204).send();
  });
}
