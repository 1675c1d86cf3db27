import { z } from 'zod';
import { NotAudioError } from './not-audio.error.js';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// GET /phone/voice_mails/{voicemailId} (phone-api.json "Get voicemail details"; API.md §5.5).
// transcription.status 2 means done; the content is Zoom's own engine's text.
const voicemailDetailSchema = z.looseObject({
  id: z.string(),
  transcription: z
    .looseObject({
      content: z.string().max(100_000).optional(),
      status: z.number().int().optional(),
      engine: z.string().max(80).optional(),
    })
    .optional(),
});

/** Zoom's own transcription of the voicemail, when Zoom has finished one. */
export async function getZoomVoicemailTranscript(
  zoom: ZoomHttpSettings,
  token: string,
  voicemailId: string,
): Promise<string | null> {
  const response = await sendZoomRequest({
    operation: 'voicemail.get',
    url: `${zoom.apiUrl}/phone/voice_mails/${encodeURIComponent(voicemailId)}`,
    accessToken: token,
    timeoutMs: zoom.timeoutMs,
  });
  const detail = await readZoomJson('voicemail.get', response, voicemailDetailSchema);
  const transcription = detail.transcription;

  return transcription?.status === 2 && transcription.content ? transcription.content : null;
}

export type VoicemailDownload =
  { kind: 'audio'; bytes: Buffer } | { kind: 'too_large'; bytes: number };

/**
 * GET /phone/voice_mails/download/{fileId} (API.md §5.5; Bearer header). The audio is read into
 * memory and never touches disk; past `maxBytes` reading stops and only the size is reported,
 * so an oversized file is neither held nor sent on. The host is always our Zoom API base, never
 * the event's URL, so a token only ever goes to Zoom.
 */
export async function downloadVoicemail(
  zoom: ZoomHttpSettings,
  token: string,
  fileId: string,
  maxBytes: number,
): Promise<VoicemailDownload> {
  const operation = 'voicemail.download';
  const response = await fetchAudio(zoom, token, fileId, operation);
  const announced = Number(response.headers.get('content-length') ?? NaN);

  if (Number.isFinite(announced) && announced > maxBytes) {
    await response.body?.cancel();

    return { kind: 'too_large', bytes: announced };
  }

  const parts: Buffer[] = [];
  let total = 0;

  const reader = response.body?.getReader();

  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    const chunk = read.value;

    total += chunk.byteLength;

    if (total > maxBytes) {
      parts.length = 0;
      await reader?.cancel();

      return { kind: 'too_large', bytes: total };
    }

    parts.push(Buffer.from(chunk));
  }

  return { kind: 'audio', bytes: Buffer.concat(parts, total) };
}

async function fetchAudio(
  zoom: ZoomHttpSettings,
  token: string,
  fileId: string,
  operation: string,
): Promise<Response> {
  const response = await sendZoomRequest({
    operation,
    url: `${zoom.apiUrl}/phone/voice_mails/download/${encodeURIComponent(fileId)}`,
    accessToken: token,
    timeoutMs: zoom.timeoutMs,
  });

  if (!response.ok) {
    await readZoomJson(operation, response, z.unknown());
  }

  // Field report 8: a sign-in page answered with 200 is not audio. Other types are judged by
  // the bytes themselves (sniffAudioType), since Zoom does not document the voicemail's type.
  const type = response.headers.get('content-type') ?? '';

  if (/^text\//i.test(type)) {
    await response.body?.cancel();
    throw new NotAudioError(operation, response.status, type);
  }

  return response;
}
