// An OpenAI-compatible `POST /v1/audio/transcriptions` (OpenAI API reference, "Create
// transcription"): multipart with `file` and `model`, answered with `{ text }`. Like the real
// API it judges the format by the file name's extension (openai-node issue 270), refuses files
// over 26,214,400 bytes with 413, and wants a Bearer key. Faults are planned through
// `POST /sim/openai/faults`. The audio is read and dropped; only its name, type and size are kept.
import type { FastifyInstance, FastifyReply } from 'fastify';

import type { SimulatorContext } from '../context.js';
import { wordsOf } from '../phone-media/audio-fixtures.js';
import { phoneMediaOf } from '../phone-media/phone-media.store.js';
import { readMultipart } from './multipart.js';

const whisperLimit = 26_214_400;
const formats = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];

export function registerTranscriptionRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const media = phoneMediaOf(ctx.state);

  void app.register(async (v1) => {
    v1.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: whisperLimit + 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    v1.post('/v1/audio/transcriptions', async (request, reply) => {
      media.transcriptionAttempts += 1;

      if (!/^Bearer\s+\S+$/i.test(request.headers.authorization ?? '')) {
        return openAiError(reply, 401, 'invalid_api_key', 'Incorrect API key provided.');
      }

      const fault = media.takeWhisperFault();

      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

      if (fault?.status) return openAiError(reply, fault.status, 'simulated', 'Simulated fault.');

      const parts = readMultipart(request.body as Buffer, request.headers['content-type'] ?? '');
      const file = parts?.find((part) => part.name === 'file');
      const model = parts?.find((part) => part.name === 'model')?.data.toString('utf8');

      if (!file || model !== 'whisper-1') {
        return openAiError(reply, 400, 'invalid_request', 'file and model=whisper-1 required.');
      }

      const extension = /\.([a-z0-9]+)$/i.exec(file.filename ?? '')?.[1]?.toLowerCase() ?? '';

      if (!formats.includes(extension)) {
        return openAiError(
          reply,
          400,
          'invalid_request',
          `Unrecognized file format. Supported formats: ${formats.join(', ')}`,
        );
      }

      if (file.data.length > whisperLimit) {
        return openAiError(reply, 413, 'file_too_large', 'Maximum content size limit exceeded.');
      }

      media.transcriptionRequests.push({
        filename: file.filename ?? '',
        contentType: file.contentType ?? '',
        bytes: file.data.length,
      });

      return { text: wordsOf(file.data) ?? `Simulated transcript of ${file.data.length} bytes.` };
    });
  });
}

function openAiError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .send({ error: { message, type: 'invalid_request_error', param: null, code } });
}
