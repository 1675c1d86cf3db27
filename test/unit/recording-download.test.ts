import { describe, expect, it } from 'vitest';
import { isZoomUrl } from '../../src/integrations/zoom/transcripts/transcript-download.js';
import {
  encodeMeetingUuid,
  readTranscriptFile,
  RecordingDownloadError,
} from '../../src/zoom/recordings.api.js';

describe('meeting UUIDs in paths (field report 7)', () => {
  it.each([
    ['/aB3xYz9QmUs6ZOwFD4kw==', '%252FaB3xYz9QmUs6ZOwFD4kw%253D%253D'],
    ['Qm7//tR2sLw0pXyZ1aB9cQ==', 'Qm7%252F%252FtR2sLw0pXyZ1aB9cQ%253D%253D'],
    ['tKbFEWg9SAaVamwu6V0+kw==', 'tKbFEWg9SAaVamwu6V0%2Bkw%3D%3D'],
  ])('%s → /v2/meetings/%s/recordings', (uuid, segment) => {
    expect(encodeMeetingUuid(uuid)).toBe(segment);
  });
});

async function problemOf(response: Response, announced: number | null = null) {
  try {
    await readTranscriptFile(response, announced);
  } catch (error) {
    if (error instanceof RecordingDownloadError) return error.problem;
  }

  return 'read';
}

const vtt = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nDana Reyes: Hello.\n';

describe('what a transcript download gave us (field report 8)', () => {
  it('reads a VTT file, and tells when it is shorter than Zoom announced', async () => {
    const file = () => new Response(vtt, { headers: { 'content-type': 'text/vtt' } });

    expect(await readTranscriptFile(file(), Buffer.byteLength(vtt))).toEqual({
      text: vtt,
      truncated: false,
    });
    expect((await readTranscriptFile(file(), 5000)).truncated).toBe(true);
  });

  it('takes a 200 HTML sign-in page for what it is: refused credentials', async () => {
    const page = '<!doctype html><html><form action="/signin">Please sign in</form></html>';

    expect(
      await problemOf(
        new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      ),
    ).toBe('auth');
    expect(
      await problemOf(
        new Response(page, { headers: { 'content-type': 'application/octet-stream' } }),
      ),
    ).toBe('auth');
  });

  it('sorts other answers into auth, gone, outage and wrong type', async () => {
    expect(await problemOf(new Response('', { status: 401 }))).toBe('auth');
    expect(await problemOf(new Response('', { status: 404 }))).toBe('not_found');
    expect(await problemOf(new Response('', { status: 503 }))).toBe('unavailable');
    expect(
      await problemOf(new Response('{"a":1}', { headers: { 'content-type': 'application/json' } })),
    ).toBe('wrong_type');
  });
});

describe('where credentials may be sent', () => {
  const zoom = {
    apiUrl: 'https://api.zoom.us/v2',
    oauthUrl: 'https://zoom.us',
    clientId: 'c',
    clientSecret: 's',
    timeoutMs: 1000,
  };

  it('only to Zoom’s own hosts', () => {
    expect(isZoomUrl('https://us05web.zoom.us/rec/webhook_download/abc', zoom)).toBe(true);
    expect(isZoomUrl('https://zoom.us/rec/download/abc', zoom)).toBe(true);
    expect(isZoomUrl('https://api.zoom.us/v2/x', zoom)).toBe(true);
    expect(isZoomUrl('https://zoom.us.example.com/rec', zoom)).toBe(false);
    expect(isZoomUrl('https://evilzoom.us/rec', zoom)).toBe(false);
    expect(isZoomUrl('file:///etc/passwd', zoom)).toBe(false);
    expect(isZoomUrl('not a url', zoom)).toBe(false);
  });
});
