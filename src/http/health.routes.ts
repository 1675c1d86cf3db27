import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { pendingMigrations } from '../db/migrate.js';

export async function healthRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/healthz', async () => ({ ok: true }));

  // Ready means the database answers and every migration has run.
  app.get('/readyz', async (request, reply) => {
    try {
      await sql`select 1`.execute(context.db);
      const pending = await pendingMigrations(context.database);

      if (pending > 0) {
        return reply.code(503).send({ ok: false, reason: 'migrations_pending', pending });
      }

      return { ok: true };
    } catch (error) {
      request.log.error({ err: error }, 'readiness check failed');

      return reply.code(503).send({ ok: false, reason: 'database_unreachable' });
    }
  });
}
