// What every control request that acts out a phone call shares: whose call it is (by e-mail
// or Zoom user id), which way it goes and who is on the other end, and the check that the
// agent exists and holds a Zoom Phone licence, answered the same way by each route.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import { sendControlError } from './control-errors.js';

export const callPartyFields = {
  userEmail: z.string().min(1).optional(),
  zoomUserId: z.string().min(1).optional(),
  direction: z.enum(['inbound', 'outbound']),
  externalNumber: z.string().max(40).optional(),
  externalName: z.string().max(100).optional(),
};

export const namesTheAgent = [
  (input: { userEmail?: string | undefined; zoomUserId?: string | undefined }) =>
    input.userEmail !== undefined || input.zoomUserId !== undefined,
  { message: 'userEmail or zoomUserId is required' },
] as const;

/** The simulator user the call is for, or undefined once a 404 or 409 has been sent. */
export function licensedAgentOr4xx(
  ctx: SimulatorContext,
  input: { userEmail?: string | undefined; zoomUserId?: string | undefined },
  reply: FastifyReply,
): SimUser | undefined {
  const { users } = ctx.state;
  const agent = input.zoomUserId
    ? users.findById(input.zoomUserId)
    : users.findByEmail(input.userEmail ?? '');

  if (!agent) {
    sendControlError(reply, 404, 'USER_NOT_FOUND', 'no simulator user matches');

    return undefined;
  }

  if (!agent.phoneLicence) {
    sendControlError(reply, 409, 'NO_PHONE_LICENCE', 'this user has no Zoom Phone licence');

    return undefined;
  }

  return agent;
}
