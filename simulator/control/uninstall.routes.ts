// `POST /sim/users/:user/uninstall` acts out removing the app in the Zoom App Marketplace:
// the user's grants end and a signed `app_deauthorized` goes to the webhook URL (WEBHOOKS.md
// §5). `POST /oauth/data/compliance` is Zoom's deprecated Data Compliance API (API.md §1.8); the
// simulator records what it receives, listed at `GET /sim/compliance`.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { clientAuthOk } from '../oauth/client-auth.js';
import { parseOr400, sendControlError } from './control-errors.js';

const uninstallInput = z.object({
  // Zoom's older docs send it as a string; some third parties as a boolean. Absent by default.
  userDataRetention: z.union([z.enum(['true', 'false']), z.boolean()]).optional(),
  /** To act out a replay: an older deauthorization time than now. */
  deauthorizationTime: z.iso.datetime().optional(),
});

export function registerUninstallRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const compliance: unknown[] = [];

  app.post('/sim/users/:user/uninstall', async (request, reply) => {
    const input = parseOr400(uninstallInput, request.body, reply);

    if (!input) return reply;

    const key = (request.params as { user: string }).user;
    const user = ctx.state.users.findByEmail(key) ?? ctx.state.users.findById(key);

    if (!user) {
      return sendControlError(
        reply,
        404,
        'NO_SUCH_USER',
        'no simulated user with that id or email',
      );
    }

    const revoked = ctx.state.oauth.revokeAllOf(user.zoomUserId);
    const now = ctx.state.now();
    const signature = randomBytes(32).toString('hex');
    const payload = {
      account_id: user.accountId,
      user_id: user.zoomUserId,
      signature,
      deauthorization_time: input.deauthorizationTime ?? new Date(now).toISOString(),
      client_id: ctx.settings().clientId,
      event_ts: now,
      ...(input.userDataRetention !== undefined && {
        user_data_retention: input.userDataRetention,
      }),
    };

    ctx.dispatcher.enqueue(`deauth:${user.zoomUserId}`, [
      {
        event: 'app_deauthorized',
        callId: null,
        body: () => ({ event: 'app_deauthorized', payload }),
      },
    ]);

    return reply.code(202).send({ revoked, signature, payload });
  });

  app.post('/oauth/data/compliance', async (request, reply) => {
    const { clientId, clientSecret } = ctx.settings();

    if (!clientAuthOk(request.headers.authorization, clientId, clientSecret)) {
      return reply
        .code(401)
        .send({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    }

    compliance.push(request.body);

    return reply.code(200).send({ status: 'received' });
  });

  app.get('/sim/compliance', async () => ({ received: compliance }));
}
