// `POST /sim/users` creates a Zoom user, or updates the one with that email; `GET /sim/users`
// lists them. Omitted ids are generated in Zoom's shapes.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import { parseOr400, sendControlError } from './control-errors.js';

const E164 = /^\+[1-9]\d{6,14}$/;

const userInput = z.object({
  email: z.email(),
  zoomUserId: z.string().min(1).max(64).optional(),
  accountId: z.string().min(1).max(64).optional(),
  firstName: z.string().min(1).max(64).optional(),
  lastName: z.string().min(1).max(64).optional(),
  phoneNumber: z.string().regex(E164, 'must be E.164, like +12065550101').optional(),
  extensionNumber: z.number().int().positive().max(999_999_999).optional(),
  phoneLicence: z.boolean().optional(),
  timezone: z.string().min(1).max(64).optional(),
});

export function registerUserControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  app.get('/sim/users', async () => ({ users: ctx.state.users.list().map(publicUser) }));

  app.post('/sim/users', async (request, reply) => {
    const input = parseOr400(userInput, request.body, reply);

    if (!input) {
      return reply;
    }

    const owner = input.zoomUserId ? ctx.state.users.findById(input.zoomUserId) : undefined;

    if (owner && owner.email !== input.email.toLowerCase()) {
      return sendControlError(
        reply,
        409,
        'ZOOM_USER_ID_TAKEN',
        'zoomUserId belongs to another email',
      );
    }

    const { user, created } = ctx.state.users.upsert(input, ctx.state.now());

    return reply.code(created ? 201 : 200).send(publicUser(user));
  });
}

function publicUser(user: SimUser) {
  return {
    email: user.email,
    zoomUserId: user.zoomUserId,
    accountId: user.accountId,
    firstName: user.firstName,
    lastName: user.lastName,
    phoneNumber: user.phoneNumber,
    extensionNumber: user.extensionNumber,
    phoneLicence: user.phoneLicence,
    timezone: user.timezone,
    phoneUserId: user.phoneUserId,
    extensionId: user.extensionId,
  };
}
