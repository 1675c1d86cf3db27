// `GET /v2/phone/users/:userId` for `me`, shaped by the 200 schema of /phone/users/{userId} in
// shared/zoom/openapi/phone-api.json (summary in API.md §5.1).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import type { SimUser } from '../state/users.store.js';
import { type Caller, callerWithScope } from './bearer-auth.js';
import { sendZoomError, ZOOM_ERRORS } from './zoom-errors.js';

export function registerPhoneUsersRoutes(v2: FastifyInstance, _ctx: SimulatorContext): void {
  v2.get('/phone/users/:userId', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:user');

    return caller ? phoneProfile(caller.user) : reply;
  });
}

/** The caller of a Phone endpoint, or null after answering 403 / 2031 for a user without Phone. */
export function phoneCaller(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
): Caller | null {
  const caller = callerWithScope(request, reply, scope);

  if (caller && !caller.user.phoneLicence) {
    void sendZoomError(reply, ZOOM_ERRORS.phoneNotEnabled);

    return null;
  }

  return caller;
}

function phoneProfile(user: SimUser) {
  return {
    id: user.zoomUserId,
    phone_user_id: user.phoneUserId,
    email: user.email,
    extension_id: user.extensionId,
    extension_number: user.extensionNumber,
    phone_numbers: [{ id: user.phoneNumberId, number: user.phoneNumber }],
    calling_plans: [{ type: 200 }],
    status: 'activate',
  };
}
