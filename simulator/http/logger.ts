// The simulator's Fastify log. Requests are logged by method and path only: a query string can
// carry a token (clients that wrongly send `?access_token=`), and bodies carry codes and secrets.
import type { FastifyServerOptions } from 'fastify';

import type { SimulatorLogOptions } from '../options.js';
import { pathOf } from './zoom-surface.hooks.js';

export function loggerOptions(
  logger: boolean | SimulatorLogOptions | undefined,
): FastifyServerOptions['logger'] {
  if (!logger) {
    return false;
  }

  const settings = logger === true ? {} : logger;

  return {
    level: settings.level ?? 'info',
    ...(settings.stream ? { stream: settings.stream } : {}),
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        path: pathOf(request.url),
      }),
    },
  };
}
