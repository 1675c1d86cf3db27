// `POST /sim/tokens/expire` {email} makes that user's current access token expired at once, so
// the next API call meets Zoom's 401 / 124 "Access token is expired." (API.md §3 errors).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { parseOr400, sendControlError } from './control-errors.js';

const expireInput = z.object({ email: z.string().min(1) });

export function registerTokenControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.post('/sim/tokens/expire', async (request, reply) => {
    const input = parseOr400(expireInput, request.body, reply);

    if (!input) {
      return reply;
    }

    const user = ctx.state.users.findByEmail(input.email);
    const expired = user ? ctx.state.oauth.expireAccess(user.zoomUserId) : 0;

    if (expired === 0) {
      return sendControlError(reply, 404, 'NO_GRANT', 'this user has no active authorization');
    }

    return { expired };
  });
}
