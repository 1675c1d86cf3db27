import type { AppContext } from '../../../app-context.js';
import { PermanentJobError, type JobHandler } from '../../../jobs/job-queue.js';
import { crashPoint } from '../../../lib/crash-point.js';
import { sniffAudioType } from '../../../transcription/audio-type.js';
import {
  TranscriptionError,
  transcribeAudio,
  whisperMaxBytes,
} from '../../../transcription/whisper.client.js';
import { NotAudioError } from '../../../zoom/not-audio.error.js';
import { downloadVoicemail, getZoomVoicemailTranscript } from '../../../zoom/voicemail.api.js';
import { ZoomError } from '../../../zoom/zoom-error.js';
import { findConnectionByUser } from '../connections.repo.js';
import { downloadWithFreshRetry } from '../recordings/fresh-credentials.js';
import { findVoicemail, setVoicemailState, type VoicemailRow } from './voicemails.repo.js';

export const voicemailTranscribeJob = 'voicemail.transcribe';

/** One try and three retries for transient failures (issue 6), spaced by the queue's backoff. */
export const voicemailTranscribeAttempts = 4;

export async function enqueueTranscription(context: AppContext, row: VoicemailRow) {
  await context.jobs.enqueue({
    name: voicemailTranscribeJob,
    payload: { voicemailId: row.id, ownerId: row.owner_id },
    key: `${voicemailTranscribeJob}:${row.id}:${row.retry_count}`,
    maxAttempts: voicemailTranscribeAttempts,
    userId: row.owner_id,
  });
}

/**
 * Downloads one voicemail with the agent's token, holds it in memory only, sends it to Whisper
 * and keeps the text. The buffer never leaves this function: no file, no row, no log line.
 */
export function createVoicemailTranscribeJob(context: AppContext): JobHandler {
  return async ({ attempt, payload }) => {
    const ownerId = String(payload.ownerId);
    const row = await findVoicemail(context.db, ownerId, String(payload.voicemailId));

    if (!row || row.status === 'done' || row.status === 'too_large') return;

    const set = (change: Parameters<typeof setVoicemailState>[3]) =>
      setVoicemailState(context.db, ownerId, row.id, change, context.clock.now());

    if (!context.whisper) {
      await set({ status: 'not_configured', failure_reason: 'OPENAI_API_KEY is not set' });

      return;
    }

    const connection = await findConnectionByUser(context.db, ownerId);

    if (!connection || connection.phone_state !== 'connected') {
      await set({ status: 'failed', failure_reason: 'Zoom Phone is not connected' });

      return;
    }

    await set({ status: 'transcribing', failure_reason: null });
    await keepZoomTranscript(context, connection.id, row);

    try {
      const text = await transcribeOnce(context, connection.id, row);

      await crashPoint('voicemail.transcribed');
      await set({ status: 'done', transcript: text, transcript_engine: 'whisper-1' });
      context.logger.info({ userId: ownerId, voicemailId: row.id }, 'voicemail transcribed');
    } catch (error) {
      await recordFailure(context, row, error, attempt, set);
    }
  };
}

async function transcribeOnce(context: AppContext, connectionId: string, row: VoicemailRow) {
  const download = await downloadWithFreshRetry(context, connectionId, (token) =>
    downloadVoicemail(context.zoom, token, row.download_file_id, whisperMaxBytes),
  );

  if (download.kind === 'too_large') throw new TooLarge(download.bytes);

  const audio = download.bytes;

  try {
    const type = sniffAudioType(audio);

    if (!type) {
      throw new TranscriptionError('rejected', 'the audio format was not recognised; not sent');
    }

    return await transcribeAudio(
      context.whisper ?? { apiKey: '', timeoutMs: 1 },
      audio,
      type,
      `vm_${row.zoom_voicemail_id}`,
    );
  } finally {
    // Nothing else holds the buffer; zeroing it keeps the audio out of a later heap snapshot.
    audio.fill(0);
  }
}

class TooLarge extends Error {
  constructor(readonly bytes: number) {
    super('voicemail larger than Whisper accepts');
  }
}

async function recordFailure(
  context: AppContext,
  row: VoicemailRow,
  error: unknown,
  attempt: number,
  set: (change: Parameters<typeof setVoicemailState>[3]) => Promise<void>,
): Promise<void> {
  const log = context.logger.child({ userId: row.owner_id, voicemailId: row.id, attempt });

  if (error instanceof TooLarge) {
    await set({
      status: 'too_large',
      failure_reason: `${error.bytes} bytes; Whisper accepts at most ${whisperMaxBytes}`,
    });
    log.info('voicemail too large to transcribe');

    return;
  }

  const { transient, reason } = describe(error);

  if (transient && attempt < voicemailTranscribeAttempts) {
    await set({ status: 'pending', failure_reason: `${reason}; retrying` });
    log.warn({ reason }, 'voicemail transcription will be retried');
    throw new Error(reason);
  }

  const suffix = transient ? ` (gave up after ${attempt} attempts)` : '';

  await set({ status: 'failed', failure_reason: `${reason}${suffix}` });
  log.warn({ reason }, 'voicemail transcription failed');
  throw new PermanentJobError(reason);
}

function describe(error: unknown): { transient: boolean; reason: string } {
  if (error instanceof TranscriptionError) {
    return { transient: error.outcome === 'retry_later', reason: error.reason };
  }

  if (error instanceof NotAudioError) {
    return {
      transient: false,
      reason:
        'Zoom answered the voicemail download with a sign-in page instead of audio, also ' +
        'after fresh credentials',
    };
  }

  if (error instanceof ZoomError) {
    if (error.outcome === 'reconnect') {
      return { transient: false, reason: 'Zoom needs reconnecting in Settings → Integrations' };
    }

    return {
      transient: error.outcome === 'retry_later',
      reason: `Zoom voicemail download failed (HTTP ${error.status || 'no response'})`,
    };
  }

  return { transient: true, reason: 'unexpected error' };
}

// Zoom may already have its own transcription (API.md §5.5): shown while ours is pending.
// Best effort; a failure here never blocks our transcript.
async function keepZoomTranscript(context: AppContext, connectionId: string, row: VoicemailRow) {
  if (row.zoom_transcript) return;

  try {
    const text = await context.zoomAccess.call(connectionId, (token) =>
      getZoomVoicemailTranscript(context.zoom, token, row.zoom_voicemail_id),
    );

    if (!text) return;

    await context.db
      .updateTable('voicemails')
      .set({ zoom_transcript: text })
      .where('owner_id', '=', row.owner_id)
      .where('id', '=', row.id)
      .execute();
  } catch (error) {
    context.logger.debug(
      { voicemailId: row.id, err: error instanceof ZoomError ? error.message : 'error' },
      'zoom voicemail transcription not read',
    );
  }
}
