import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import { metrics } from '../metrics/metrics.js';
import { NotAudioError } from './not-audio.error.js';
import { ZoomError } from './zoom-error.js';
import { readZoomJson, type ZoomHttpSettings } from './zoom-http.js';

/** Media types a recording may arrive as; anything else (an HTML sign-in page) is refused. */
const audioLike = /^(audio\/|video\/|application\/octet-stream)/i;

// What the upstream socket may read ahead of the browser. Node's sockets read 64 KiB at a time;
// with the same mark here, a paused browser holds Zoom back after about one read (plus the
// kernel's socket buffers), whatever the file's size (bench/stream.bench.ts).
const upstreamHighWaterMark = 64 * 1024;
const mostRedirects = 5;

export interface RecordingStreamRequest {
  fileId: string;
  /** The browser's Range header, passed on unchanged so Zoom can answer 206 itself. */
  range?: string | undefined;
  signal: AbortSignal;
}

/** Zoom's answer with its body unread: a node stream the caller pipes on with backpressure. */
export interface RecordingUpstream {
  status: number;
  header(name: string): string | null;
  body: IncomingMessage;
}

/**
 * Opens GET /phone/recording/download/{fileId} (API.md §5.4; Bearer header, redirects followed)
 * and returns the response with its body unread, for the caller to stream. The host is our
 * configured Zoom API base, never a URL from an event, so the token only goes to Zoom; a
 * redirect to another origin (a storage host) is followed without it.
 * It is node:http rather than fetch so the body is a plain node stream with a known read-ahead:
 * no web-stream bridge and no second buffer between Zoom's socket and the browser's.
 * A 401 becomes a ZoomError that zoomAccess.call answers with one refresh; a body that is not
 * audio (field report 8) becomes a NotAudioError and is never read.
 */
export async function openRecordingStream(
  zoom: ZoomHttpSettings,
  token: string,
  request: RecordingStreamRequest,
): Promise<RecordingUpstream> {
  const operation = 'phone_recording.download';
  const start = new URL(
    `${zoom.apiUrl}/phone/recording/download/${encodeURIComponent(request.fileId)}`,
  );
  let response: IncomingMessage;

  try {
    response = await follow(start, token, request, zoom.timeoutMs);
  } catch (error) {
    throw new ZoomError(operation, 0, {}, { cause: error, outcome: 'retry_later' });
  }

  const upstream = asUpstream(response);

  if (upstream.status === 416) return upstream;

  // The same count sendZoomRequest keeps for every other Zoom call.
  if (upstream.status === 429) metrics.zoomRateLimited.inc({ operation });

  if (upstream.status < 200 || upstream.status > 299) {
    await readZoomJson(operation, await bufferedResponse(response), z.unknown());
  }

  const type = upstream.header('content-type') ?? '';

  if (!audioLike.test(type)) {
    response.destroy();
    throw new NotAudioError(operation, upstream.status, type);
  }

  return upstream;
}

async function follow(
  start: URL,
  token: string,
  request: RecordingStreamRequest,
  timeoutMs: number,
): Promise<IncomingMessage> {
  let url = start;

  for (let hop = 0; ; hop += 1) {
    const sameOrigin = url.origin === start.origin;
    const response = await get(url, timeoutMs, request.signal, {
      ...(sameOrigin && { authorization: `Bearer ${token}` }),
      ...(request.range && { range: request.range }),
    });
    const location = response.headers.location;

    if (!isRedirect(response.statusCode) || !location || hop >= mostRedirects) return response;

    response.destroy();
    url = new URL(location, url);
  }
}

const isRedirect = (status: number | undefined) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** One GET; the timeout covers the wait for the headers only, never a slow listener's pauses. */
function get(
  url: URL,
  timeoutMs: number,
  signal: AbortSignal,
  headers: Record<string, string>,
): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;

  return new Promise((resolve, reject) => {
    // `highWaterMark` (the response's and its socket's) is in Node 20, not yet in its types.
    const options: RequestOptions & { highWaterMark: number } = {
      headers,
      signal,
      highWaterMark: upstreamHighWaterMark,
    };
    const outgoing = send(url, options);
    const timer = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );

    outgoing.once('response', (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    outgoing.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end();
  });
}

function asUpstream(response: IncomingMessage): RecordingUpstream {
  return {
    status: response.statusCode ?? 0,
    header(name) {
      const value = response.headers[name.toLowerCase()];

      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
    body: response,
  };
}

/** An error answer (small JSON from Zoom), read whole so the shared error reader can judge it. */
async function bufferedResponse(response: IncomingMessage): Promise<Response> {
  const parts: Buffer[] = [];
  let total = 0;

  for await (const chunk of response) {
    total += (chunk as Buffer).length;

    if (total > 64 * 1024) break;

    parts.push(chunk as Buffer);
  }

  response.destroy();

  const headers = new Headers();

  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }

  return new Response(Buffer.concat(parts), { status: response.statusCode ?? 502, headers });
}

/** The type our endpoint answers with: Zoom's audio type, else MP3 (Zoom Phone's format). */
export function playbackType(upstreamType: string | null): string {
  const type = (upstreamType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

  if (type.startsWith('audio/')) return type;

  if (type === 'video/mp4') return 'audio/mp4';

  return 'audio/mpeg';
}
