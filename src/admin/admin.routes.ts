import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireAdmin } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/validation.js';
import { readStatus } from '../lib/app-status.repo.js';
import { inboxCounts } from '../webhooks/inbox.repo.js';
import {
  addToAllowlist,
  listAllowlist,
  removeFromAllowlist,
} from '../integrations/zoom/pilot-allowlist.repo.js';

const emailSchema = z.object({ email: z.email().max(320) });
const isoOrNull = (ms: string | undefined) => (ms ? new Date(Number(ms)).toISOString() : null);

/** Support's view: is Zoom reaching us, is anything stuck, who may join the pilot. */
export async function adminRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/admin/status', async (request) => {
    requireAdmin(request);
    const status = await readStatus(context.db);

    return {
      webhooks: {
        lastUrlValidationAt: isoOrNull(status['webhook.last_url_validation_at']),
        lastVerifiedEventAt: isoOrNull(status['webhook.last_verified_event_at']),
        lastRejectedAt: isoOrNull(status['webhook.last_rejected_at']),
        lastRejectedReason: status['webhook.last_rejected_reason'] ?? null,
      },
      inbox: await inboxCounts(context.db),
      demoMode: context.config.demoMode,
    };
  });

  app.get('/api/admin/pilot-allowlist', async (request) => {
    requireAdmin(request);
    const rows = await listAllowlist(context.db);

    return {
      emails: rows.map((row) => ({
        email: row.email,
        addedAt: new Date(row.added_at).toISOString(),
        addedBy: row.added_by,
      })),
      pilotOpen: rows.length === 0,
    };
  });

  app.post('/api/admin/pilot-allowlist', async (request, reply) => {
    const admin = requireAdmin(request);
    const { email } = parseInput(emailSchema, request.body);

    await addToAllowlist(context.db, email, admin.email, context.clock.now());
    request.log.info({ userId: admin.id }, 'pilot allow list entry added');

    return reply.code(201).send({ email: email.toLowerCase() });
  });

  app.delete('/api/admin/pilot-allowlist/:email', async (request, reply) => {
    const admin = requireAdmin(request);
    const { email } = parseInput(z.object({ email: z.string().min(3).max(320) }), request.params);

    if (!(await removeFromAllowlist(context.db, email))) throw new AppError('NOT_FOUND');

    request.log.info({ userId: admin.id }, 'pilot allow list entry removed');

    return reply.code(204).send();
  });
}
