import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { errorBody } from './errors.js';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Demo mode has a well-known admin password and listens on this machine only. A web page
 * elsewhere could still reach it through DNS rebinding (its own host name resolving to
 * 127.0.0.1), so requests must name this machine or PUBLIC_URL's host.
 */
export function registerDemoHostGuard(app: FastifyInstance, context: AppContext): void {
  if (!context.config.demoMode || !loopbackHosts.has(context.config.HOST)) return;

  const publicHost = new URL(context.config.publicUrl).host;

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    const name = host.replace(/:\d+$/, '');

    if (host === publicHost || loopbackHosts.has(name)) return;

    request.log.info('request for a foreign host name refused');

    return reply.code(421).send(errorBody('FORBIDDEN', 'This demo only answers on this machine.'));
  });
}
