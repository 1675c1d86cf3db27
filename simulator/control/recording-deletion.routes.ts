// `POST /sim/recordings/{id}/delete` {permanently?, notify?}, `id` the recording's or its call's
// (the simulator records a call once): Zoom deletes a phone recording
// (its retention, or an admin): the file is gone from the store, so downloads answer 404, and
// unless `notify` is false Zoom's phone.recording_deleted (or _permanently_deleted) event is
// sent. `notify: false` acts out a deletion whose event never reached the app.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { phoneMediaOf, type SimRecording } from '../phone-media/phone-media.store.js';
import { parseOr400, sendControlError } from './control-errors.js';

const deleteInput = z.object({
  permanently: z.boolean().default(false),
  notify: z.boolean().default(true),
});

/** The event body, shaped like phone-webhooks.json's example: account, recording and call ids. */
export function recordingDeletedBody(
  recording: SimRecording,
  accountId: string,
  permanently: boolean,
  now: number,
) {
  return {
    event: permanently ? 'phone.recording_permanently_deleted' : 'phone.recording_deleted',
    event_ts: now,
    payload: {
      account_id: accountId,
      object: {
        recordings: [{ id: recording.id, call_id: recording.callId ?? recording.id }],
      },
    },
  };
}

export function registerRecordingDeletionRoutes(app: FastifyInstance, ctx: SimulatorContext) {
  const media = phoneMediaOf(ctx.state);

  app.post('/sim/recordings/:id/delete', async (request, reply) => {
    const input = parseOr400(deleteInput, request.body ?? {}, reply);

    if (!input) return reply;

    const { id } = request.params as { id: string };
    const recording =
      media.recordings.get(id) ??
      [...media.recordings.values()].find((candidate) => candidate.callId === id);
    const owner = recording && ctx.state.users.findById(recording.zoomUserId);

    if (!recording || !owner) {
      return sendControlError(reply, 404, 'RECORDING_NOT_FOUND', 'no such recording');
    }

    media.recordings.delete(id);

    if (input.notify) {
      const body = recordingDeletedBody(recording, owner.accountId, input.permanently, 0);

      ctx.dispatcher.enqueue(recording.callId ?? recording.id, [
        {
          event: body.event,
          callId: recording.callId ?? null,
          body: () => ({ ...body, event_ts: ctx.state.now() }),
        },
      ]);
    }

    return reply.code(202).send({ deleted: id, event: input.notify ? 'sent' : 'none' });
  });
}
