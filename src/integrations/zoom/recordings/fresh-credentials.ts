import type { AppContext } from '../../../app-context.js';
import { NotAudioError } from '../../../zoom/not-audio.error.js';
import { ZoomError } from '../../../zoom/zoom-error.js';

/**
 * Runs one Zoom download with the connection's token, and when Zoom answers it with a page
 * instead of audio (field report 8), once more with freshly obtained credentials before giving
 * up. The second try goes through zoomAccess's own refresh-once path: the first NotAudioError
 * is handed to it as an expired token, so it takes the token another process already stored,
 * or refreshes, exactly as for a 401. A page the second time is final: a NotAudioError for the
 * caller, never the page passed on as audio, and never a "reconnect needed" (the grant itself
 * still works; Zoom's download side is refusing it).
 */
export function downloadWithFreshRetry<T>(
  context: AppContext,
  connectionId: string,
  download: (token: string) => Promise<T>,
): Promise<T> {
  let tries = 0;

  return context.zoomAccess.call(connectionId, async (token) => {
    tries += 1;

    try {
      return await download(token);
    } catch (error) {
      // Only the first try may ask for fresh credentials: if the first one already refreshed
      // (a 401), the try that meets the page had fresh credentials.
      if (error instanceof NotAudioError && tries === 1) {
        throw new ZoomError(error.operation, 401, error.details, {
          cause: error,
          outcome: 'refresh_token',
        });
      }

      throw error;
    }
  });
}
