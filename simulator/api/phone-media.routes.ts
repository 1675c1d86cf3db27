// Zoom Phone voicemails and recordings under /v2 (API.md §5.4-5.5): lists, details and the
// downloads, with Range on recordings as a file server answers it. Downloads take the user's
// Bearer token; an item set to `signInPage` answers 200 with HTML (field report 8), every time
// or only the first time.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { html, page } from '../http/html.js';
import { bytesOf, sizeOf, streamOf } from '../phone-media/audio-source.js';
import { recordingItem, voicemailListItem } from '../phone-media/phone-media.events.js';
import {
  phoneMediaOf,
  takeSignInPage,
  type SimRecording,
} from '../phone-media/phone-media.store.js';
import { phoneCaller } from './phone-users.routes.js';
import { listVoicemails } from './voicemail-list.js';
import { sendZoomError } from './zoom-errors.js';

const fileMissing = { status: 404, code: 404, message: 'File does not exist.' };
const voicemailMissing = { status: 400, code: 300, message: 'Voice mail does not exist.' };

export function registerPhoneMediaRoutes(v2: FastifyInstance, ctx: SimulatorContext): void {
  const media = phoneMediaOf(ctx.state);
  const baseUrl = () => ctx.settings().publicUrl ?? '';

  v2.get('/phone/users/:userId/voice_mails', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:list_voicemails');

    if (!caller) return reply;

    return listVoicemails(ctx, request, reply, caller.user);
  });

  v2.get('/phone/voice_mails/download/:fileId', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:voicemail');

    if (!caller) return reply;

    const { fileId } = request.params as { fileId: string };
    const voicemail = media.voicemailByFile(fileId);

    if (!voicemail || voicemail.zoomUserId !== caller.user.zoomUserId) {
      return sendZoomError(reply, fileMissing);
    }

    if (takeSignInPage(voicemail)) return signInPage(reply);

    return reply.type(voicemail.audio.contentType).send(bytesOf(voicemail.audio));
  });

  v2.get('/phone/voice_mails/:voicemailId', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:voicemail');

    if (!caller) return reply;

    const { voicemailId } = request.params as { voicemailId: string };
    const voicemail = media.voicemails.get(voicemailId);

    if (!voicemail || voicemail.zoomUserId !== caller.user.zoomUserId) {
      return sendZoomError(reply, voicemailMissing);
    }

    const transcription = voicemail.zoomTranscript
      ? { content: voicemail.zoomTranscript, status: 2, engine: 'zoom' }
      : { content: '', status: 0 };

    return { ...voicemailListItem(voicemail, caller.user, baseUrl()), transcription };
  });

  v2.get('/phone/users/:userId/recordings', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:list_recordings');

    if (!caller) return reply;

    const mine = [...media.recordings.values()]
      .filter((recording) => recording.zoomUserId === caller.user.zoomUserId)
      .reverse();

    return {
      next_page_token: '',
      page_size: 30,
      total_records: mine.length,
      recordings: mine.map((recording) => recordingItem(recording, caller.user, baseUrl())),
    };
  });

  v2.get('/phone/recording/download/:fileId', async (request, reply) => {
    const caller = phoneCaller(request, reply, 'phone:read:call_recording');

    if (!caller) return reply;

    const { fileId } = request.params as { fileId: string };
    const recording = media.recordingByFile(fileId);

    if (!recording || recording.zoomUserId !== caller.user.zoomUserId) {
      return sendZoomError(reply, fileMissing);
    }

    if (takeSignInPage(recording)) return signInPage(reply);

    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) media.abortedDownloads += 1;
    });

    return sendRecording(request, reply, recording);
  });
}

/** 200, 206 or 416 for one recording, with Accept-Ranges unless the scenario ignores Range. */
function sendRecording(request: FastifyRequest, reply: FastifyReply, recording: SimRecording) {
  const size = sizeOf(recording.audio);
  const range = recording.ignoreRange ? undefined : request.headers.range;
  const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;

  reply.type(recording.audio.contentType);

  if (!recording.ignoreRange) reply.header('accept-ranges', 'bytes');

  if (!match || (match[1] === '' && match[2] === '')) {
    reply.header('content-length', size);

    return reply.send(streamOf(recording.audio, 0, size - 1));
  }

  const [, first = '', last = ''] = match;
  const start = first === '' ? Math.max(0, size - Number(last)) : Number(first);
  const end = first === '' || last === '' ? size - 1 : Math.min(Number(last), size - 1);

  if (start >= size || end < start) {
    return reply.code(416).header('content-range', `bytes */${size}`).send();
  }

  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', end - start + 1)
    .send(streamOf(recording.audio, start, end));
}

function signInPage(reply: FastifyReply): FastifyReply {
  const filler = 'Only the owner of this recording can download it. Please sign in. ';

  return reply.type('text/html; charset=utf-8').send(
    page(
      'Sign in - Zoom',
      html`<h1>Please sign in</h1>
        <p>${filler.repeat(60)}</p>
        <form method="post" action="/signin"><input name="email" /><button>Sign in</button></form>`,
    ),
  );
}
