import OpenAI, { toFile } from 'openai';
import type { AudioType } from './audio-type.js';

/** Whisper's upload limit: 26,214,400 bytes is accepted, one byte more is a 413 (report 18). */
export const whisperMaxBytes = 26_214_400;

export interface WhisperSettings {
  apiKey: string;
  baseURL?: string | undefined;
  timeoutMs: number;
}

export type TranscriptionOutcome = 'retry_later' | 'rejected';

/** A failed transcription: whether a retry could help, and a reason fit to show the agent. */
export class TranscriptionError extends Error {
  constructor(
    readonly outcome: TranscriptionOutcome,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Transcription failed: ${reason}`, options);
    this.name = 'TranscriptionError';
  }
}

/**
 * Sends one in-memory audio file to `POST /audio/transcriptions` (OpenAI API reference,
 * "Create transcription") with model whisper-1 and returns the text. The SDK's own retries are
 * off: the job queue owns retries, so attempts are counted and spaced in one place.
 */
export async function transcribeAudio(
  settings: WhisperSettings,
  audio: Buffer,
  type: AudioType,
  fileStem: string,
): Promise<string> {
  const client = new OpenAI({
    apiKey: settings.apiKey,
    ...(settings.baseURL && { baseURL: settings.baseURL }),
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });

  try {
    const file = await toFile(audio, `${fileStem}.${type.extension}`, { type: type.mimeType });
    const result = await client.audio.transcriptions.create({ file, model: 'whisper-1' });

    return result.text;
  } catch (error) {
    throw classifyTranscriptionFailure(error);
  }
}

/** Network trouble, 408, 429 and 5xx may pass; 400/401/403/413 and the rest will not. */
export function classifyTranscriptionFailure(error: unknown): TranscriptionError {
  if (error instanceof OpenAI.APIConnectionError) {
    return new TranscriptionError('retry_later', 'OpenAI could not be reached', { cause: error });
  }

  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    const transient = status === 408 || status === 429 || status >= 500;

    return new TranscriptionError(
      transient ? 'retry_later' : 'rejected',
      `OpenAI answered HTTP ${status}${rejectionHint(status)}`,
      { cause: error },
    );
  }

  return new TranscriptionError('retry_later', 'unexpected transcription error', { cause: error });
}

function rejectionHint(status: number): string {
  if (status === 401 || status === 403) return ' (check OPENAI_API_KEY)';

  if (status === 413) return ' (file too large for Whisper)';

  if (status === 400) return ' (audio not accepted)';

  return '';
}
