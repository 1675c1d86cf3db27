// Control calls for meetings (ours, not Zoom's):
// - `POST /sim/meetings/:id/end` ends the meeting and sends its recording events, signed;
//   options: transcript now | later | none, recording audio | none, an expired download token,
//   every download answered with the sign-in page, the VTT to serve (and the size to announce),
//   the instance UUID;
// - `POST /sim/meetings/:id/transcript` sends the transcript of a meeting ended with `later`;
// - `POST /sim/meetings/:id/redeliver` {event} sends one recording event of the last instance
//   again, with a fresh download token and links, as Zoom's duplicates come (field report 5);
// - `GET /sim/meetings` lists meetings as the simulator holds them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { endMeeting, send, sendTranscript } from '../meetings/end-meeting.js';
import { meetingsOf, type SimMeeting } from '../meetings/meetings.store.js';
import { zoomTime } from '../state/zoom-time.js';
import { parseOr400, sendControlError } from './control-errors.js';

const endInput = z.object({
  transcript: z.enum(['now', 'later', 'none']).default('now'),
  recording: z.enum(['audio', 'none']).default('audio'),
  expiredDownloadToken: z.boolean().default(false),
  signInPage: z.boolean().default(false),
  vtt: z.string().max(5_000_000).optional(),
  vttFileSize: z.number().int().min(0).optional(),
  uuid: z.string().min(1).max(100).optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
});

const redeliverInput = z.object({
  event: z.enum(['recording.completed', 'recording.transcript_completed']),
  expiredDownloadToken: z.boolean().default(false),
});

export function registerMeetingControlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const meetings = meetingsOf(ctx.state);

  app.get('/sim/meetings', async () => ({
    meetings: meetings.list().map((meeting) => ({
      id: meeting.id,
      hostId: meeting.hostId,
      hostEmail: meeting.hostEmail,
      topic: meeting.topic,
      startTime: zoomTime(meeting.startMs),
      timezone: meeting.timezone,
      duration: meeting.duration,
      agenda: meeting.agenda,
      autoRecording: meeting.settings.auto_recording,
      instances: meeting.instances.map((instance) => ({
        uuid: instance.uuid,
        transcript: instance.transcript,
        files: instance.files.map((file) => ({ id: file.id, fileType: file.fileType })),
      })),
    })),
  }));

  app.post('/sim/meetings/:id/end', async (request, reply) => {
    const input = parseOr400(endInput, request.body, reply);
    const meeting = input ? meetingOr404(request.params, reply) : undefined;
    const host = meeting ? ctx.state.users.findById(meeting.hostId) : undefined;

    if (!input || !meeting || !host) {
      return reply;
    }

    const { instance, events } = endMeeting(ctx, meeting, host, input);

    return reply.code(202).send({
      uuid: instance.uuid,
      events,
      files: instance.files.map((file) => ({ id: file.id, fileType: file.fileType })),
      transcriptFileId: instance.pendingTranscript?.id ?? null,
    });
  });

  app.post('/sim/meetings/:id/transcript', async (request, reply) => {
    const meeting = meetingOr404(request.params, reply);
    const instance = meeting?.instances.findLast((candidate) => candidate.pendingTranscript);
    const host = meeting ? ctx.state.users.findById(meeting.hostId) : undefined;

    if (!meeting || !host) {
      return reply;
    }

    if (!instance || !sendTranscript(ctx, meeting, instance, host, false)) {
      return sendControlError(reply, 409, 'NO_PENDING_TRANSCRIPT', 'no transcript is waiting');
    }

    return reply
      .code(202)
      .send({ uuid: instance.uuid, events: ['recording.transcript_completed'] });
  });

  app.post('/sim/meetings/:id/redeliver', async (request, reply) => {
    const input = parseOr400(redeliverInput, request.body, reply);
    const meeting = input ? meetingOr404(request.params, reply) : undefined;
    const instance = meeting?.instances.at(-1);
    const host = meeting ? ctx.state.users.findById(meeting.hostId) : undefined;

    if (!input || !meeting || !host) {
      return reply;
    }

    if (!instance) {
      return sendControlError(reply, 409, 'NOT_ENDED', 'the meeting has not ended yet');
    }

    send(ctx, meeting, instance, host, input.event, input.expiredDownloadToken);

    return reply.code(202).send({ uuid: instance.uuid, events: [input.event] });
  });

  function meetingOr404(params: unknown, reply: Parameters<typeof sendControlError>[0]) {
    const { id } = params as { id: string };
    const meeting: SimMeeting | undefined = /^\d+$/.test(id) ? meetings.get(Number(id)) : undefined;

    if (!meeting) {
      void sendControlError(reply, 404, 'MEETING_NOT_FOUND', 'no simulator meeting has that id');
    }

    return meeting;
  }
}
