import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { requireUser } from '../http/auth.js';
import { audit, auditTrail } from './audit.repo.js';
import { exportZoomData, purgeZoomData } from './zoom-data.js';

/**
 * The agent's own data requests (PIPEDA; privacy@1thing.ca answers the ones sent by email,
 * with `npm run cli -- privacy:export|privacy:delete`): a JSON export of everything we hold
 * from Zoom, deletion of it, and the audit trail of both.
 */
export async function privacyRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/privacy/zoom-data', async (request, reply) => {
    const user = requireUser(request);
    const data = await exportZoomData(context.db, user.id);

    await audit(
      context.db,
      { userId: user.id, actor: user.email, action: 'zoom_data_exported' },
      context.clock.now(),
    );

    return reply
      .header('content-disposition', 'attachment; filename="1thing-zoom-data.json"')
      .send({
        exportedAt: new Date(context.clock.now()).toISOString(),
        user: { email: user.email },
        data,
      });
  });

  app.post('/api/privacy/zoom-data/delete', async (request) => {
    const user = requireUser(request);
    const deleted = await purgeZoomData(context.db, user.id);

    await audit(
      context.db,
      {
        userId: user.id,
        actor: user.email,
        action: 'zoom_data_deleted',
        detail: JSON.stringify(deleted),
      },
      context.clock.now(),
    );
    request.log.info({ userId: user.id }, 'zoom data deleted on request');

    return { deleted };
  });

  app.get('/api/privacy/audit', async (request) => {
    const user = requireUser(request);
    const rows = await auditTrail(context.db, user.id);

    return {
      entries: rows.map((row) => ({
        ...row,
        created_at: undefined,
        at: new Date(row.created_at).toISOString(),
      })),
    };
  });
}
