// Authentication of the REST API under /v2: `Authorization: Bearer <access token>` only; a token
// in the query string is refused outright (API.md conventions, 124). User-level apps must say
// `me` for the user (API.md conventions): any other user id is answered like a bad token.
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import { missingScope, sendZoomError, ZOOM_ERRORS } from './zoom-errors.js';

export interface Caller {
  user: SimUser;
  scopes: Set<string>;
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** preHandler for the /v2 scope: stops the request, or remembers who made it. */
export function bearerAuth(ctx: SimulatorContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown>;

    if ('access_token' in query) {
      return sendZoomError(reply, ZOOM_ERRORS.queryToken);
    }

    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const check = token ? ctx.state.oauth.checkAccess(token) : { status: 'invalid' as const };

    if (check.status !== 'valid') {
      const failure =
        check.status === 'expired' ? ZOOM_ERRORS.expiredToken : ZOOM_ERRORS.invalidToken;

      return sendZoomError(reply, failure);
    }

    const user = ctx.state.users.findById(check.grant.zoomUserId);
    const { userId } = request.params as { userId?: string };

    if (!user || (userId !== undefined && userId !== 'me')) {
      return sendZoomError(reply, ZOOM_ERRORS.invalidToken);
    }

    callers.set(request, { user, scopes: new Set(check.grant.scope.split(' ')) });
  };
}

/** Who made this authenticated request, or null after answering with Zoom's scope error. */
export function callerWithScope(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
): Caller | null {
  const caller = callers.get(request);

  if (!caller) {
    throw new Error('callerWithScope used on a route without bearerAuth');
  }

  if (!caller.scopes.has(scope)) {
    void sendZoomError(reply, missingScope(scope));

    return null;
  }

  return caller;
}
