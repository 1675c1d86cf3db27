import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffAudioType } from '../../src/transcription/audio-type.js';
import { TranscriptionError, transcribeAudio } from '../../src/transcription/whisper.client.js';

// A local stand-in for OpenAI that records each upload's multipart headers and answers with
// the status the test asks for.
let server: Server;
let baseURL = '';
let nextStatus = 200;
const uploads: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const parts: Buffer[] = [];

    request.on('data', (chunk: Buffer) => parts.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(parts).toString('latin1');

      uploads.push(
        /content-disposition: form-data; name="file"[^\r\n]*\r\ncontent-type: [^\r\n]*/i.exec(
          body,
        )?.[0] ?? '',
      );
      response.writeHead(nextStatus, { 'content-type': 'application/json' });
      response.end(
        nextStatus === 200
          ? JSON.stringify({ text: 'call me back' })
          : JSON.stringify({ error: { message: 'no', type: 'x', code: 'x' } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();

  baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const mp3 = Buffer.concat([
  Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
  Buffer.alloc(64),
]);

describe('transcribeAudio', () => {
  it('field report 19: uploads the buffer as vm_<id>.mp3 with audio/mpeg, no temp file', async () => {
    nextStatus = 200;

    const type = sniffAudioType(mp3);
    const text = await transcribeAudio(
      { apiKey: 'k', baseURL, timeoutMs: 5000 },
      mp3,
      type!,
      'vm_abc123',
    );

    expect(text).toBe('call me back');
    expect(uploads.at(-1)).toMatch(/filename="vm_abc123\.mp3"\r\ncontent-type: audio\/mpeg/i);
  });

  it.each([
    [400, 'rejected'],
    [401, 'rejected'],
    [403, 'rejected'],
    [413, 'rejected'],
    [408, 'retry_later'],
    [429, 'retry_later'],
    [500, 'retry_later'],
    [502, 'retry_later'],
    [503, 'retry_later'],
  ])('HTTP %i is %s, with the status in the reason', async (status, outcome) => {
    nextStatus = status;

    const failure = await transcribeAudio(
      { apiKey: 'k', baseURL, timeoutMs: 5000 },
      mp3,
      sniffAudioType(mp3)!,
      'vm_x',
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TranscriptionError);
    expect(failure).toMatchObject({ outcome, reason: expect.stringContaining(`HTTP ${status}`) });
  });

  it('a server that cannot be reached is worth retrying', async () => {
    const failure = await transcribeAudio(
      { apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', timeoutMs: 2000 },
      mp3,
      sniffAudioType(mp3)!,
      'vm_x',
    ).catch((error: unknown) => error);

    expect(failure).toMatchObject({ outcome: 'retry_later' });
  });
});
