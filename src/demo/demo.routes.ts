import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import { demoAgentEmail } from './demo-seed.js';

/** Tells the web app it runs against the simulator, and where the simulator's console is. */
export async function demoRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/demo', async () => {
    if (!context.config.demoMode || !context.simulatorUrl) throw new AppError('NOT_FOUND');

    return { demoMode: true, simulatorUrl: context.simulatorUrl, demoEmail: demoAgentEmail };
  });
}
