import type { Voicemail } from './voicemail.api.js';

/** What the agent reads for each transcription status. */
export function statusText(voicemail: Pick<Voicemail, 'status'>): string {
  switch (voicemail.status) {
    case 'pending':
      return 'Transcript on its way';
    case 'transcribing':
      return 'Transcribing…';
    case 'done':
      return 'Transcribed';
    case 'failed':
      return 'Transcription failed';
    case 'too_large':
      return 'Too long to transcribe (over 25 MB)';
    case 'not_configured':
      return 'Transcription is not set up (no OpenAI key)';
  }
}

/** Which engine wrote the text: ours, or Zoom's own while ours is pending. */
export function engineText(engine: string): string {
  return engine === 'zoom' ? 'Zoom transcription' : `OpenAI Whisper (${engine})`;
}
