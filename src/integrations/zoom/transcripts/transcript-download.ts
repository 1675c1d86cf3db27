import type { AppContext } from '../../../app-context.js';
import {
  getMeetingRecordings,
  readTranscriptFile,
  RecordingDownloadError,
  requestRecordingFile,
} from '../../../zoom/recordings.api.js';
import type { ZoomHttpSettings } from '../../../zoom/zoom-http.js';
import type { RecordingFileRow } from './recording-files.repo.js';

export type CredentialKind = 'download_token' | 'user_token' | 'download_access_token';

export interface DownloadedTranscript {
  text: string;
  truncated: boolean;
  /** The credentials that worked, for the log. */
  via: CredentialKind;
}

/**
 * Downloads a transcript file with the credentials Zoom documents (WEBHOOKS.md §4.3, API.md
 * §4.4): the event's `download_token`, or else the user's access token. When that is refused
 * (401/403, or Zoom's HTML sign-in page, field report 8), it asks once for a fresh
 * `download_access_token` and download URL via GET /meetings/{uuid}/recordings and tries again;
 * a second refusal is final. So: at most two downloads and one lookup per file.
 */
export async function downloadTranscript(
  context: AppContext,
  connectionId: string,
  file: RecordingFileRow,
): Promise<DownloadedTranscript> {
  const announced = file.file_size;

  try {
    if (file.download_token_enc && file.download_url) {
      return {
        ...(await fetchFile(
          context.zoom,
          file.download_url,
          context.cipher.open(file.download_token_enc),
          announced,
        )),
        via: 'download_token',
      };
    }

    const url = file.download_url;

    if (!url) throw new RecordingDownloadError('auth', 0, 'no download URL yet');

    return await context.zoomAccess.call(connectionId, async (accessToken) => ({
      ...(await fetchFile(context.zoom, url, accessToken, announced)),
      via: 'user_token' as const,
    }));
  } catch (error) {
    if (!(error instanceof RecordingDownloadError) || error.problem !== 'auth') throw error;
  }

  return context.zoomAccess.call(connectionId, async (accessToken) => {
    const fresh = await getMeetingRecordings(
      { settings: context.zoom, accessToken },
      file.zoom_uuid,
      { downloadAccessToken: true },
    );
    const match = fresh.recording_files.find((candidate) => candidate.id === file.file_id);
    const url = match?.download_url ?? file.download_url;

    if (!url) throw new RecordingDownloadError('not_found', 404, 'file no longer listed');

    const bearer = fresh.download_access_token ?? accessToken;

    return {
      ...(await fetchFile(context.zoom, url, bearer, announced)),
      via: fresh.download_access_token
        ? ('download_access_token' as const)
        : ('user_token' as const),
    };
  });
}

async function fetchFile(
  zoom: ZoomHttpSettings,
  url: string,
  bearer: string,
  announced: number | null,
): Promise<{ text: string; truncated: boolean }> {
  if (!isZoomUrl(url, zoom)) {
    throw new RecordingDownloadError('untrusted_url', 0, 'download URL is not on a Zoom host');
  }

  return readTranscriptFile(await requestRecordingFile(url, bearer, zoom.timeoutMs), announced);
}

/**
 * Credentials go only to Zoom: the download URL must be on the API's host or under the
 * OAuth host's domain (zoom.us and its regional web hosts), never wherever a body points.
 */
export function isZoomUrl(url: string, zoom: ZoomHttpSettings): boolean {
  let host: string;

  try {
    const parsed = new URL(url);

    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;

    host = parsed.host;
  } catch {
    return false;
  }

  const apiHost = new URL(zoom.apiUrl).host;
  const oauthHost = new URL(zoom.oauthUrl).host;

  return host === apiHost || host === oauthHost || host.endsWith(`.${oauthHost}`);
}
