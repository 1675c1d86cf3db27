import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { findSessionUser } from '../crm/sessions.repo.js';
import { AppError } from './errors.js';

export const sessionCookie = 'sid';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  defaultRegion: string;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser: SessionUser | null;
  }
}

/** Resolves the cookie session, if any, once per request. Routes call `requireUser`. */
export function registerSessionLookup(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('sessionUser', null);

  app.addHook('onRequest', async (request) => {
    const sessionId = request.cookies[sessionCookie];

    if (!sessionId) return;

    const row = await findSessionUser(context.db, sessionId, context.clock.now());

    if (!row) return;

    request.sessionUser = {
      id: row.id,
      email: row.email,
      name: row.name,
      isAdmin: row.is_admin === 1,
      defaultRegion: row.default_region,
      sessionId,
    };
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw new AppError('UNAUTHENTICATED');

  return request.sessionUser;
}

export function requireAdmin(request: FastifyRequest): SessionUser {
  const user = requireUser(request);

  if (!user.isAdmin) throw new AppError('FORBIDDEN');

  return user;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery guard for cookie-authenticated writes (OWASP CSRF cheat sheet,
 * "verifying origin with standard headers"). Browsers send Origin or Sec-Fetch-Site on every
 * cross-origin write; a write from another site is refused. Clients that send neither are not
 * browsers and cannot carry a victim's cookie by accident.
 */
export function registerCsrfGuard(app: FastifyInstance, context: AppContext): void {
  const publicOrigin = new URL(context.config.publicUrl).origin;

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // Judged on the matched route, not the raw URL, which may be percent-encoded. Zoom's
    // webhook carries no cookie and proves itself with its signature instead.
    if (!unsafeMethods.has(request.method) || request.routeOptions.url === '/webhooks/zoom') return;

    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];

    if (origin) {
      const sameHost = safeHost(origin) === request.headers.host;

      if (origin === publicOrigin || sameHost) return;

      throw new AppError('CSRF_REJECTED');
    }

    if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      throw new AppError('CSRF_REJECTED');
    }
  });
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
