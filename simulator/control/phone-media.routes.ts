// Control API for issue 6's scenarios: leave a voicemail or finish a recording for a user (each
// sends its webhook), plan faults of the fake Whisper endpoint, and read what it was sent.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SimulatorContext } from '../context.js';
import { audioFixtures } from '../phone-media/audio-fixtures.js';
import type { AudioSource } from '../phone-media/audio-source.js';
import {
  finishRecording,
  leaveVoicemail,
  sendVoicemailEvent,
} from '../phone-media/phone-media.events.js';
import { phoneMediaOf } from '../phone-media/phone-media.store.js';
import { parseOr400, sendControlError } from './control-errors.js';

// Audio: the real fixture by default, bytes a test plants (base64), or a synthetic body of a
// given size (MP3-looking, made on the fly) for size limits and the streaming benchmark.
const audioInput = z
  .object({
    base64: z.string().max(4_000_000).optional(),
    contentType: z.string().max(100).optional(),
    syntheticBytes: z.number().int().min(16).max(2_000_000_000).optional(),
  })
  .optional();

const who = {
  userEmail: z.string().min(1).optional(),
  zoomUserId: z.string().min(1).optional(),
};

const voicemailInput = z.object({
  ...who,
  callerNumber: z.string().max(40),
  callerName: z.string().max(100).optional(),
  callId: z.string().max(64).optional(),
  zoomTranscript: z.string().max(10_000).optional(),
  audio: audioInput,
  /** Left this long ago (a voicemail from before the app was connected). */
  daysAgo: z.number().min(0).max(400).optional(),
  /** false: stored for Zoom's list only, no webhook (the app learns of it by back-fill). */
  webhook: z.boolean().default(true),
  signInPage: z.union([z.boolean(), z.literal('once')]).optional(),
});

const recordingInput = z.object({
  ...who,
  externalNumber: z.string().max(40),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  callId: z.string().max(64).optional(),
  ignoreRange: z.boolean().optional(),
  // true: every download gets Zoom's HTML sign-in page; 'once': only the first (field report 8).
  signInPage: z.union([z.boolean(), z.literal('once')]).optional(),
  audio: audioInput,
});

const faultInput = z.object({
  status: z.union([z.literal(401), z.literal(413), z.literal(502), z.literal(503)]).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
  count: z.number().int().min(1).max(1000).default(1),
});

export function audioFrom(
  input: z.infer<typeof audioInput>,
  fallback: 'voicemail' | 'recording',
): AudioSource {
  const fixture = audioFixtures()[fallback];
  const contentType = input?.contentType ?? fixture.contentType;

  if (input?.base64) {
    return { kind: 'bytes', bytes: Buffer.from(input.base64, 'base64'), contentType };
  }

  if (input?.syntheticBytes) {
    return { kind: 'synthetic', size: input.syntheticBytes, contentType: contentType };
  }

  return { kind: 'bytes', bytes: fixture.bytes, contentType };
}

export function registerPhoneMediaControlRoutes(app: FastifyInstance, ctx: SimulatorContext) {
  const media = phoneMediaOf(ctx.state);
  const findUser = (input: { userEmail?: string | undefined; zoomUserId?: string | undefined }) =>
    input.zoomUserId
      ? ctx.state.users.findById(input.zoomUserId)
      : ctx.state.users.findByEmail(input.userEmail ?? '');

  app.post('/sim/voicemails', async (request, reply) => {
    const input = parseOr400(voicemailInput, request.body, reply);

    if (!input) return reply;

    const user = findUser(input);

    if (!user) return sendControlError(reply, 404, 'USER_NOT_FOUND', 'no simulator user matches');

    const { daysAgo, ...rest } = input;
    const voicemail = leaveVoicemail(ctx, user, {
      ...rest,
      audio: audioFrom(input.audio, 'voicemail'),
      ...(daysAgo !== undefined && { atMs: ctx.state.now() - daysAgo * 86_400_000 }),
    });

    return reply.code(202).send({ voicemailId: voicemail.id, fileId: voicemail.fileId });
  });

  // Zoom delivering a voicemail's event (again): before or after the app's back-fill saw it.
  app.post('/sim/voicemails/:id/webhook', async (request, reply) => {
    const voicemail = media.voicemails.get((request.params as { id: string }).id);
    const user = voicemail && ctx.state.users.findById(voicemail.zoomUserId);

    if (!voicemail || !user) {
      return sendControlError(reply, 404, 'VOICEMAIL_NOT_FOUND', 'no such voicemail');
    }

    sendVoicemailEvent(ctx, user, voicemail);

    return reply.code(202).send({ voicemailId: voicemail.id });
  });

  app.post('/sim/recordings', async (request, reply) => {
    const input = parseOr400(recordingInput, request.body, reply);

    if (!input) return reply;

    const user = findUser(input);

    if (!user) return sendControlError(reply, 404, 'USER_NOT_FOUND', 'no simulator user matches');

    const recording = finishRecording(ctx, user, {
      ...input,
      audio: audioFrom(input.audio, 'recording'),
    });

    return reply.code(202).send({ recordingId: recording.id, fileId: recording.fileId });
  });

  app.post('/sim/openai/faults', async (request, reply) => {
    const input = parseOr400(faultInput, request.body, reply);

    if (!input) return reply;

    media.planWhisperFault(input);

    return reply.code(204).send();
  });

  app.delete('/sim/openai/faults', async (_request, reply) => {
    media.clearWhisperFaults();

    return reply.code(204).send();
  });

  app.get('/sim/openai/requests', async () => ({
    attempts: media.transcriptionAttempts,
    abortedDownloads: media.abortedDownloads,
    requests: media.transcriptionRequests,
  }));
}
