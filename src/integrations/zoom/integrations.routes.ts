import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { requireUser } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { parseInput } from '../../http/validation.js';
import { startBackfill } from './backfill/backfill-start.js';
import { completeConnect, startConnect } from './connect.flow.js';
import { disconnectProduct } from './disconnect.flow.js';
import { integrationCards } from './integration-cards.js';

const productParams = z.object({ product: z.enum(['meetings', 'phone']) });
const callbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
});

export async function integrationRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  app.get('/api/integrations/zoom', async (request) => {
    const user = requireUser(request);

    return integrationCards(context.db, user.id, user.defaultRegion, context.clock.now());
  });

  app.post('/api/integrations/zoom/:product/connect', async (request) => {
    const user = requireUser(request);
    const { product } = parseInput(productParams, request.params);

    return { url: await startConnect(context, user, product) };
  });

  // Runs the call-history import again (it is idempotent), from the Phone card.
  app.post('/api/integrations/zoom/phone/history-import', async (request, reply) => {
    const user = requireUser(request);
    const cards = await integrationCards(
      context.db,
      user.id,
      user.defaultRegion,
      context.clock.now(),
    );

    if (cards.phone.state !== 'connected') {
      throw new AppError('ZOOM_NOT_CONNECTED', 'Connect Zoom Phone first.');
    }

    await startBackfill(context, user.id);

    return reply
      .code(202)
      .send(await integrationCards(context.db, user.id, user.defaultRegion, context.clock.now()));
  });

  app.delete('/api/integrations/zoom/:product', async (request) => {
    const user = requireUser(request);
    const { product } = parseInput(productParams, request.params);

    await disconnectProduct(context, user.id, product);

    return integrationCards(context.db, user.id, user.defaultRegion, context.clock.now());
  });

  // Zoom sends the browser back here. Whatever happened, the agent lands on the settings page
  // with either `connected` or an `error` code it explains; never a bare error page.
  app.get('/oauth/zoom/callback', async (request, reply) => {
    const parsed = callbackQuery.safeParse(request.query);
    const result = parsed.success
      ? await completeConnect(context, parsed.data, request.sessionUser)
      : ({ ok: false, product: null, failure: 'OAUTH_FAILED' } as const);
    const target = new URLSearchParams();

    if (result.ok) target.set('connected', result.product);
    else target.set('error', result.failure);

    if (!result.ok && result.product) target.set('product', result.product);

    return reply.redirect(`/settings/integrations?${target.toString()}`, 302);
  });
}
