import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireUser, sessionCookie } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/validation.js';
import { verifyPassword } from '../lib/passwords.js';
import { createSession, deleteSession } from './sessions.repo.js';
import { findUserByEmail } from './users.repo.js';

const signInSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
});

// A fixed hash to compare against when the email is unknown, so a miss takes as long as a hit.
const decoyHash =
  'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function sessionRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const secureCookie = context.config.publicUrl.startsWith('https://');
  const ttlMs = context.config.SESSION_TTL_HOURS * 3_600_000;
  const present = (user: { id: string; email: string; name: string; isAdmin: boolean }) => ({
    user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin },
  });

  app.post(
    '/api/session',
    {
      config: {
        rateLimit: { max: context.config.SIGNIN_ATTEMPTS_PER_MINUTE, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const input = parseInput(signInSchema, request.body);
      const user = await findUserByEmail(context.db, input.email);
      const valid = await verifyPassword(input.password, user?.password_hash ?? decoyHash);

      if (!user || !valid) throw new AppError('INVALID_CREDENTIALS');

      // A fresh id at every sign-in, so a session id planted before sign-in is worthless.
      if (request.sessionUser) await deleteSession(context.db, request.sessionUser.sessionId);

      const sessionId = await createSession(context.db, user.id, context.clock.now(), ttlMs);

      request.log.info({ userId: user.id }, 'signed in');
      reply.setCookie(sessionCookie, sessionId, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        maxAge: ttlMs / 1000,
      });

      return present({ ...user, isAdmin: user.is_admin === 1 });
    },
  );

  app.get('/api/session', async (request) => present(requireUser(request)));

  app.delete('/api/session', async (request, reply) => {
    if (request.sessionUser) await deleteSession(context.db, request.sessionUser.sessionId);

    reply.clearCookie(sessionCookie, { path: '/' });

    return reply.code(204).send();
  });
}
