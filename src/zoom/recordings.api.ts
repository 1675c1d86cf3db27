import { z } from 'zod';
import { ZoomError } from './zoom-error.js';
import { readZoomJson, sendZoomRequest, type ZoomHttpSettings } from './zoom-http.js';

// recording_files[] item (meeting-api.json, GET /meetings/{meetingId}/recordings; API.md §4.3).
// CC and TIMELINE files come without `id`, `status` and `file_size`.
export const recordingFileSchema = z.looseObject({
  id: z.string().optional(),
  file_type: z.string(),
  file_extension: z.string().optional(),
  recording_type: z.string().optional(),
  file_size: z.number().optional(),
  status: z.string().optional(),
  download_url: z.string().optional(),
});

export type ZoomRecordingFile = z.infer<typeof recordingFileSchema>;

// GET /meetings/{meetingId}/recordings 200 (meeting-api.json; API.md §4.2).
const meetingRecordingsSchema = z.looseObject({
  uuid: z.string().optional(),
  id: z.number().optional(),
  recording_files: z.array(recordingFileSchema).default([]),
  download_access_token: z.string().optional(),
});

export type ZoomMeetingRecordings = z.infer<typeof meetingRecordingsSchema>;

// GET /users/{userId}/recordings 200 (meeting-api.json; API.md §4.1).
const userRecordingsSchema = z.looseObject({
  next_page_token: z.string().optional(),
  meetings: z
    .array(
      z.looseObject({
        uuid: z.string(),
        id: z.number(),
        recording_files: z.array(recordingFileSchema).default([]),
      }),
    )
    .default([]),
});

export type ZoomUserRecordings = z.infer<typeof userRecordingsSchema>;

interface Call {
  settings: ZoomHttpSettings;
  accessToken: string;
}

/**
 * A meeting instance UUID as one path segment. Zoom wants UUIDs that start with `/` or hold
 * `//` encoded twice, all others once (API.md §4.2; field report 7): a `+` must reach Zoom as
 * `%2B`, never as a space, and a single-encoded leading slash gets 404 / 3001.
 */
export function encodeMeetingUuid(uuid: string): string {
  const once = encodeURIComponent(uuid);

  return uuid.startsWith('/') || uuid.includes('//') ? encodeURIComponent(once) : once;
}

/**
 * One meeting instance's recording files; with `downloadAccessToken`, also a fresh
 * `download_access_token` (API.md §4.2: `include_fields`, `ttl` up to 7 days).
 */
export async function getMeetingRecordings(
  call: Call,
  uuid: string,
  options: { downloadAccessToken?: boolean } = {},
): Promise<ZoomMeetingRecordings> {
  const response = await sendZoomRequest({
    operation: 'recordings.meeting',
    url: `${call.settings.apiUrl}/meetings/${encodeMeetingUuid(uuid)}/recordings`,
    accessToken: call.accessToken,
    query: options.downloadAccessToken
      ? { include_fields: 'download_access_token', ttl: 3600 }
      : {},
    timeoutMs: call.settings.timeoutMs,
  });

  return readZoomJson('recordings.meeting', response, meetingRecordingsSchema);
}

/** The user's cloud recordings of one meeting between two UTC dates (at most one month). */
export async function listUserRecordings(
  call: Call,
  filter: { meetingId: string; from: string; to: string },
): Promise<ZoomUserRecordings> {
  const response = await sendZoomRequest({
    operation: 'recordings.list',
    url: `${call.settings.apiUrl}/users/me/recordings`,
    accessToken: call.accessToken,
    query: { meeting_id: filter.meetingId, from: filter.from, to: filter.to, page_size: 30 },
    timeoutMs: call.settings.timeoutMs,
  });

  return readZoomJson('recordings.list', response, userRecordingsSchema);
}

export type DownloadProblem =
  'auth' | 'not_found' | 'unavailable' | 'too_large' | 'wrong_type' | 'untrusted_url';

/** A download that did not give us the file; `problem` decides whether fresh credentials help. */
export class RecordingDownloadError extends ZoomError {
  constructor(
    readonly problem: DownloadProblem,
    status: number,
    message: string,
  ) {
    super(
      'recordings.download',
      status,
      { zoomMessage: message },
      {
        outcome: problem === 'unavailable' ? 'retry_later' : 'bad_request',
      },
    );
    this.name = 'RecordingDownloadError';
  }
}

// A transcript of a long meeting is a few hundred kilobytes; anything near this is not one.
const maxTranscriptBytes = 10 * 1024 * 1024;

// What a VTT download may be labelled as. Zoom's storage has used octet-stream and text types.
const acceptedTypes = /^(text\/vtt|text\/plain|application\/octet-stream|binary\/octet-stream)\b/i;

/**
 * First half of a file download: GET the `download_url` with `Authorization: Bearer` (the
 * webhook's download_token, a download_access_token or the user's access token; API.md §4.4),
 * following Zoom's redirects to storage.
 */
export async function requestRecordingFile(
  url: string,
  bearer: string,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await fetch(url, {
      headers: { authorization: `Bearer ${bearer}`, accept: 'text/vtt, */*;q=0.5' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RecordingDownloadError('unavailable', 0, (error as Error).message.slice(0, 200));
  }
}

/**
 * Second half: the body only if it is the file. Zoom has answered authenticated downloads
 * with 200 and an HTML sign-in page (field report 8), so status alone proves nothing: HTML by
 * type or by its first bytes is an auth failure, and a body shorter than Zoom announced is cut.
 */
export async function readTranscriptFile(
  response: Response,
  announcedBytes: number | null,
): Promise<{ text: string; truncated: boolean }> {
  const status = response.status;

  if (status === 401 || status === 403) {
    await response.body?.cancel();
    throw new RecordingDownloadError('auth', status, `HTTP ${status}`);
  }

  if (status === 404) {
    await response.body?.cancel();
    throw new RecordingDownloadError('not_found', status, 'HTTP 404');
  }

  if (!response.ok) {
    await response.body?.cancel();
    throw new RecordingDownloadError('unavailable', status, `HTTP ${status}`);
  }

  const type = response.headers.get('content-type') ?? '';
  const declared = Number(response.headers.get('content-length') ?? '0');

  if (/html/i.test(type)) {
    await response.body?.cancel();
    throw new RecordingDownloadError('auth', status, 'HTML page instead of the file');
  }

  if (declared > maxTranscriptBytes) {
    await response.body?.cancel();
    throw new RecordingDownloadError('too_large', status, `${declared} bytes`);
  }

  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');

  if (/^\s*</.test(text.slice(0, 200))) {
    throw new RecordingDownloadError('auth', status, 'HTML page instead of the file');
  }

  if (type !== '' && !acceptedTypes.test(type)) {
    throw new RecordingDownloadError('wrong_type', status, `content-type ${type.slice(0, 60)}`);
  }

  const truncated = announcedBytes !== null && announcedBytes > 0 && bytes.length < announcedBytes;

  return { text, truncated };
}
