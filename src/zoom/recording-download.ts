import { z } from 'zod';
import { ZoomError } from './zoom-error.js';
import { readZoomJson, type ZoomHttpSettings } from './zoom-http.js';

/** Media types a recording may arrive as; anything else (an HTML sign-in page) is refused. */
const audioLike = /^(audio\/|video\/|application\/octet-stream)/i;

export interface RecordingStreamRequest {
  fileId: string;
  /** The browser's Range header, passed on unchanged so Zoom can answer 206 itself. */
  range?: string | undefined;
  signal: AbortSignal;
}

/**
 * Opens GET /phone/recording/download/{fileId} (API.md §5.4; Bearer header, redirects followed)
 * and returns the response with its body unread, for the caller to stream. The host is our
 * configured Zoom API base, never a URL from an event, so the token only goes to Zoom.
 * A 401 becomes a ZoomError that zoomAccess.call answers with one refresh; a body that is not
 * audio (field report 8) becomes a `forbidden` ZoomError and is never read.
 */
export async function openRecordingStream(
  zoom: ZoomHttpSettings,
  token: string,
  request: RecordingStreamRequest,
): Promise<Response> {
  const operation = 'phone_recording.download';
  const headersTimeout = new AbortController();
  const timer = setTimeout(() => headersTimeout.abort(), zoom.timeoutMs);
  let response: Response;

  try {
    response = await fetch(
      `${zoom.apiUrl}/phone/recording/download/${encodeURIComponent(request.fileId)}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          ...(request.range && { range: request.range }),
        },
        redirect: 'follow',
        signal: AbortSignal.any([request.signal, headersTimeout.signal]),
      },
    );
  } catch (error) {
    throw new ZoomError(operation, 0, {}, { cause: error, outcome: 'retry_later' });
  } finally {
    clearTimeout(timer);
  }

  if (response.status === 416) return response;

  if (!response.ok) await readZoomJson(operation, response, z.unknown());

  if (!audioLike.test(response.headers.get('content-type') ?? '')) {
    await response.body?.cancel();
    throw new ZoomError(
      operation,
      response.status,
      { zoomMessage: 'download answered with a page, not audio' },
      { outcome: 'forbidden' },
    );
  }

  return response;
}

/** The type our endpoint answers with: Zoom's audio type, else MP3 (Zoom Phone's format). */
export function playbackType(upstreamType: string | null): string {
  const type = (upstreamType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

  if (type.startsWith('audio/')) return type;

  if (type === 'video/mp4') return 'audio/mp4';

  return 'audio/mpeg';
}
