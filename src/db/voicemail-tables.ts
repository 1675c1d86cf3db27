/** Issue 6's tables (migration 005), kept beside db-types.ts so the shared file grows by lines. */
type Millis = number;

export type VoicemailStatus =
  'pending' | 'transcribing' | 'done' | 'failed' | 'too_large' | 'not_configured';

export interface VoicemailsTable {
  id: string;
  owner_id: string;
  zoom_voicemail_id: string;
  zoom_call_id: string | null;
  /** Our calls.id when the call was logged; contacts are reached through it. */
  call_id: string | null;
  caller_number_raw: string | null;
  caller_e164: string | null;
  caller_name: string | null;
  /** The last path part of Zoom's download_url; the host is always our configured Zoom API. */
  download_file_id: string;
  duration_seconds: number | null;
  received_at: Millis;
  status: VoicemailStatus;
  failure_reason: string | null;
  transcript: string | null;
  /** `whisper-1` for ours, `zoom` when the text is Zoom's own transcription. */
  transcript_engine: string | null;
  zoom_transcript: string | null;
  retry_count: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface PhoneRecordingsTable {
  id: string;
  owner_id: string;
  zoom_recording_id: string;
  zoom_call_id: string | null;
  download_file_id: string;
  duration_seconds: number | null;
  recorded_at: Millis;
  status: 'available' | 'download_failed_auth' | 'deleted_in_zoom';
  created_at: Millis;
  updated_at: Millis;
}

export interface RecordingPlaysTable {
  id: string;
  user_id: string;
  recording_id: string;
  range: string | null;
  outcome: string;
  played_at: Millis;
}
