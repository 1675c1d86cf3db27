import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import { getContact } from '../../../crm/contacts.repo.js';
import { normalisePhone } from '../../../crm/phone-number.js';
import { dialInSimulator } from '../../../demo/demo-dialer.js';
import { requireUser } from '../../../http/auth.js';
import { AppError } from '../../../http/errors.js';
import { parseInput } from '../../../http/validation.js';
import { maskPhone } from '../../../lib/logger.js';
import { recordDialIntent } from './dial-intents.repo.js';
import { zoomCallUri } from './live-call-rules.js';
import { publishLiveCall } from './live-call.publish.js';
import { closeCallBacks } from './live-calls.repo.js';

const dialSchema = z.object({
  number: z.string().trim().min(1).max(60),
  contactId: z.string().min(1).max(64).nullish(),
  /** The missed call whose "Call back" item this click answers. */
  callBackOf: z.string().min(1).max(64).nullish(),
});

/**
 * POST /api/dial-intents: the agent pressed Call. The browser opens `zoomphonecall://…` itself;
 * this records who is calling whom, so the outbound call's webhooks are tied to the contact
 * that was clicked even when several contacts share the number (live-call-events.ts).
 */
export async function dialIntentRoutes(app: FastifyInstance, context: AppContext) {
  app.post('/api/dial-intents', async (request, reply) => {
    const user = requireUser(request);
    const input = parseInput(dialSchema, request.body);
    // National numbers are dialled in E.164 with the agent's region; an extension is kept
    // apart, never run into the digits (field report 14).
    const number = normalisePhone(input.number, user.defaultRegion);
    const now = context.clock.now();

    if (!number) throw new AppError('NUMBER_NOT_DIALABLE');

    // Someone else's contact id must look exactly like one that does not exist.
    if (input.contactId && !(await getContact(context.db, user.id, input.contactId))) {
      throw new AppError('VALIDATION_FAILED', 'contactId: no such contact');
    }

    const id = await recordDialIntent(context.db, {
      userId: user.id,
      contactId: input.contactId ?? null,
      e164: number.e164,
      now,
    });

    if (input.callBackOf) {
      const closed = await closeCallBacks(context.db, user.id, { callId: input.callBackOf }, now);

      for (const callId of closed) await publishLiveCall(context, user.id, callId);
    }

    request.log.info({ userId: user.id, number: maskPhone(number.e164) }, 'dial intent recorded');

    if (context.simulatorUrl) {
      void dialInSimulator(context, user.id, number.e164).catch((error: unknown) =>
        request.log.warn({ err: error }, 'simulator did not place the call'),
      );
    }

    return reply.code(201).send({
      intent: { id, e164: number.e164, extension: number.extension, uri: zoomCallUri(number.e164) },
    });
  });
}
