import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { getContact } from '../../../crm/contacts.repo.js';
import { requireUser } from '../../../http/auth.js';
import { AppError, errorBody } from '../../../http/errors.js';
import { parseInput } from '../../../http/validation.js';
import { dialIntentRoutes } from './dial-intents.routes.js';
import { endLiveCall } from './end-call.flow.js';
import { liveCallSnapshot, publishLiveCall } from './live-call.publish.js';
import { closeCallBacks, findLiveCall, linkCallToContact } from './live-calls.repo.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const linkSchema = z.object({ contactId: z.string().min(1).max(64) });

/**
 * The live side of Zoom Phone for the browser: the active-call banner's state and "End call",
 * linking a ringing call to a contact created from the screen-pop, dismissing a "Call back"
 * item, and the dial intents of Call buttons. The same views stream on GET /api/events.
 */
export async function liveCallRoutes(app: FastifyInstance, context: AppContext) {
  context.realtime.snapshotParts.set('liveCalls', (user) => liveCallSnapshot(context, user));

  await app.register(dialIntentRoutes, context);

  app.get('/api/live-calls', async (request) => liveCallSnapshot(context, requireUser(request)));

  app.post('/api/calls/:id/end', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const ended = await endLiveCall(context, user.id, id);

    // A refusal is an answer, not a failure of ours: end-call.flow.ts has logged it once, so
    // it is sent here rather than thrown through the error handler's own log line.
    if (ended.outcome === 'refused') {
      return reply.code(409).send(errorBody('CALL_END_REFUSED', undefined, { call: ended.view }));
    }

    return reply.code(202).send({ call: ended.view });
  });

  app.post('/api/calls/:id/contacts', async (request) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);
    const { contactId } = parseInput(linkSchema, request.body);

    if (!(await findLiveCall(context.db, user.id, id))) {
      throw new AppError('NOT_FOUND', 'Call not found.');
    }

    if (!(await getContact(context.db, user.id, contactId))) {
      throw new AppError('VALIDATION_FAILED', 'contactId: no such contact');
    }

    await linkCallToContact(context.db, user.id, id, contactId);

    return { call: await publishLiveCall(context, user.id, id) };
  });

  app.delete('/api/calls/:id/callback', async (request, reply) => {
    const user = requireUser(request);
    const { id } = parseInput(idParams, request.params);

    if (!(await findLiveCall(context.db, user.id, id))) {
      throw new AppError('NOT_FOUND', 'Call not found.');
    }

    const closed = await closeCallBacks(context.db, user.id, { callId: id }, context.clock.now());

    for (const callId of closed) await publishLiveCall(context, user.id, callId);

    return reply.code(204).send();
  });
}
