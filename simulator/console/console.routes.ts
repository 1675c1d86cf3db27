// Serves the console page at the root (see console.page.ts).
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { consolePage } from './console.page.js';

export function registerConsoleRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/', async (_request, reply) => {
    const body = consolePage(ctx.state.users.list(), ctx.settings().webhookUrl);

    return reply.type('text/html; charset=utf-8').send(body);
  });
}
