// `POST /v2/phone/users/me/calls/:callId/command` `{ "command": "end" }` → 204: hangs up a held
// call of the token's user. NOT a Zoom endpoint: Zoom publishes no call control (API.md §5.8).
// It is the stand-in for the app's configurable call command (ZOOM_CALL_COMMAND_PATH, whose
// default is this path), so "End call" can be tested end to end; faults (POST /sim/faults)
// act out Zoom refusing it. Zoom names no scope for it either, so any Phone grant may call it.
import type { FastifyInstance } from 'fastify';

import { hangUpHeldCall } from '../calls/held-call.js';
import type { SimulatorContext } from '../context.js';
import { heldCallsOf } from '../state/held-calls.store.js';
import { phoneCaller } from './phone-users.routes.js';
import { invalidParam, sendZoomError } from './zoom-errors.js';

const callNotFound = { status: 404, code: 404, message: 'Call does not exist or has ended.' };

export function registerCallCommandRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  v2.post('/phone/users/:userId/calls/:callId/command', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:user');

    if (!caller) {
      return reply;
    }

    const { callId } = request.params as { callId: string };
    const { command } = (request.body ?? {}) as { command?: unknown };

    if (command !== 'end') {
      return sendZoomError(reply, invalidParam('command', 'Only "end" is supported.'));
    }

    const held = heldCallsOf(ctx.state).find(callId);

    if (!held || held.state === 'ended' || held.call.agent.zoomUserId !== caller.user.zoomUserId) {
      return sendZoomError(reply, callNotFound);
    }

    hangUpHeldCall(ctx, held);

    return reply.code(204).send();
  });
}
