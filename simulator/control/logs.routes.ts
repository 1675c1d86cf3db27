// What the simulator saw: `GET/DELETE /sim/requests` (Zoom-facing requests it answered) and
// `GET/DELETE /sim/deliveries` (webhook attempts). `GET /sim/deliveries/idle` waits until no
// delivery is pending, so a test need not poll.
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';

export function registerLogControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const { requests, deliveries } = ctx.state;

  app.get('/sim/requests', async () => ({ requests: requests.list() }));

  app.delete('/sim/requests', async (_request, reply) => {
    requests.clear();

    return reply.code(204).send();
  });

  app.get('/sim/deliveries', async () => ({ deliveries: deliveries.list() }));

  app.delete('/sim/deliveries', async (_request, reply) => {
    deliveries.clear();

    return reply.code(204).send();
  });

  app.get('/sim/deliveries/idle', async () => {
    await ctx.dispatcher.idle();

    return { deliveries: deliveries.list() };
  });
}
