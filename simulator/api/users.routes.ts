// `GET /v2/users/:userId` for `me` (API.md §2). There is no Users OpenAPI document in
// shared/zoom/, so the fields follow the table in API.md §2.
import type { FastifyInstance } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { zoomTime } from '../state/zoom-time.js';
import type { SimUser } from '../state/users.store.js';
import { callerWithScope } from './bearer-auth.js';

export function registerUsersRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  v2.get('/users/:userId', async (request, reply) => {
    const caller = callerWithScope(request, reply, 'user:read:user');

    if (!caller) {
      return reply;
    }

    const origin = ctx.settings().publicUrl ?? `${request.protocol}://${request.host}`;

    return userProfile(caller.user, origin);
  });
}

/** Exactly the members API.md §2 lists for the user object, so the contract test can close it. */
function userProfile(user: SimUser, origin: string) {
  const created = zoomTime(user.createdAt);

  return {
    id: user.zoomUserId,
    account_id: user.accountId,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    timezone: user.timezone,
    type: 2,
    status: 'active',
    language: 'en-US',
    pmi: user.pmi,
    // Points at the simulator itself: nothing it hands out may lead to a real Zoom host.
    personal_meeting_url: `${origin}/j/${user.pmi}`,
    phone_numbers: [],
    role_name: 'Member',
    dept: '',
    job_title: '',
    location: '',
    company: '',
    pic_url: '',
    cluster: 'sim',
    created_at: created,
    user_created_at: created,
    last_login_time: created,
  };
}
