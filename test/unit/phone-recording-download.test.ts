import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAudioError } from '../../src/zoom/not-audio.error.js';
import { openRecordingStream } from '../../src/zoom/recording-download.js';

// The recording download's own HTTP client (node:http): redirects are followed, the token goes
// to Zoom's origin only, and a page is refused before a byte of it is read on.

let zoom: Server;
let storage: Server;
let zoomUrl = '';
let storageUrl = '';
const seenByStorage: IncomingHttpHeaders[] = [];

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();

      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );

beforeAll(async () => {
  storage = createServer((request, response) => {
    seenByStorage.push(request.headers);
    response.writeHead(206, {
      'content-type': 'audio/mpeg',
      'content-range': 'bytes 0-1/4',
      'content-length': '2',
    });
    response.end('ID');
  });
  storageUrl = await listen(storage);
  zoom = createServer((request, response) => {
    if (request.url?.endsWith('/redirected')) {
      response.writeHead(302, { location: `${storageUrl}/file.mp3` }).end();

      return;
    }

    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<form>');
  });
  zoomUrl = await listen(zoom);
});

afterAll(() => {
  zoom.close();
  storage.close();
});

const settings = () => ({
  apiUrl: zoomUrl,
  oauthUrl: zoomUrl,
  clientId: 'id',
  clientSecret: 'secret',
  timeoutMs: 2000,
});

describe('openRecordingStream', () => {
  it('follows a redirect to another origin without the token, passing Range on', async () => {
    const upstream = await openRecordingStream(settings(), 'token-for-zoom-only', {
      fileId: 'redirected',
      range: 'bytes=0-1',
      signal: new AbortController().signal,
    });
    const chunks: Buffer[] = [];

    for await (const chunk of upstream.body) chunks.push(chunk as Buffer);

    expect(upstream.status).toBe(206);
    expect(upstream.header('content-range')).toBe('bytes 0-1/4');
    expect(Buffer.concat(chunks).toString()).toBe('ID');
    expect(seenByStorage.at(-1)?.authorization).toBeUndefined();
    expect(seenByStorage.at(-1)?.range).toBe('bytes=0-1');
  });

  it('refuses an HTML answer as not audio', async () => {
    await expect(
      openRecordingStream(settings(), 'token', {
        fileId: 'sign-in',
        signal: new AbortController().signal,
      }),
    ).rejects.toBeInstanceOf(NotAudioError);
  });
});
