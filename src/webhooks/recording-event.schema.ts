import { z } from 'zod';

export const recordingEvents = ['recording.completed', 'recording.transcript_completed'] as const;

// recording_files[] of both events (meeting-webhooks.json; WEBHOOKS.md §4.1-4.2). Zoom marks
// most members required; only what we act on is checked, so a Zoom addition never costs a 400.
const recordingFileSchema = z.looseObject({
  id: z.string().min(1).max(200).optional(),
  file_type: z.string().max(40),
  file_extension: z.string().max(16).optional(),
  recording_type: z.string().max(80).optional(),
  file_size: z.number().nonnegative().optional(),
  status: z.string().max(40).optional(),
  download_url: z.string().max(4000).optional(),
});

export type RecordingEventFile = z.infer<typeof recordingFileSchema>;

// The meeting number is an int64 in the schema; a string of digits is taken as well, since it
// fits a JS number only below 2^53 (API.md §3: Zoom's numbers are 10-11 digits).
export const recordingEventSchema = z.looseObject({
  event: z.enum(recordingEvents),
  event_ts: z.number().int().optional(),
  // Top level, sibling of payload (WEBHOOKS.md §2): required on recording.completed, optional
  // on transcript_completed. A credential: stored sealed, never logged, never in a job payload.
  download_token: z.string().max(8000).optional(),
  payload: z.looseObject({
    account_id: z.string().min(1).optional(),
    object: z.looseObject({
      id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]),
      uuid: z.string().min(1).max(200),
      host_id: z.string().min(1).max(100),
      account_id: z.string().min(1).optional(),
      start_time: z.string().optional(),
      recording_files: z.array(recordingFileSchema).max(200).default([]),
    }),
  }),
});

export type RecordingEvent = z.infer<typeof recordingEventSchema>;

/** The transcript file (API.md §4.3): TRANSCRIPT, VTT, audio_transcript. */
export function isTranscriptFile(file: { file_type: string; file_extension?: string | null }) {
  return file.file_type.toUpperCase() === 'TRANSCRIPT';
}

/** Audio or video of the meeting: there was something to transcribe. */
export function isMediaFile(file: { file_type: string }) {
  return ['MP4', 'M4A'].includes(file.file_type.toUpperCase());
}
