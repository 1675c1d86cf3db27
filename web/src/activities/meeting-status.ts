// What the Meeting section says about a meeting, its recording and its transcript. The texts
// hang on the server's states and reason codes, never on its wording.
import type { ZoomMeeting } from './activities.types.js';

export const MEETING_ERROR_MESSAGES = {
  ZOOM_MEETINGS_NOT_CONNECTED: 'Connect Zoom Meetings in Settings → Integrations first.',
  ACTIVITY_TIME_MISSING: 'Give the activity a date and time before creating a Zoom meeting.',
  ACTIVITY_IN_PAST:
    'This activity’s time has passed. Move it to a future time to create a meeting.',
  ZOOM_MEETING_EXISTS: 'This activity already has a Zoom meeting.',
  ZOOM_VALIDATION_FAILED: 'Zoom did not accept the meeting. See the details below.',
  ZOOM_REFUSED: 'Zoom refused the meeting.',
  ZOOM_RECONNECT_NEEDED:
    'Zoom no longer accepts 1Thing’s access. Reconnect Zoom Meetings in Settings.',
  ZOOM_UNAVAILABLE: 'Zoom did not answer. Try again in a few minutes.',
} satisfies Record<string, string>;

const TRANSCRIPT_REASONS: Record<string, string> = {
  no_recording: 'Nothing was recorded in this meeting.',
  no_transcript: 'Zoom made no transcript of this meeting.',
  poll_failed: 'Zoom could not be asked for the transcript.',
  not_connected: 'Zoom Meetings is no longer connected.',
  download_failed_auth: 'Zoom refused the download (it sent a sign-in page instead of the file).',
  not_vtt: 'Zoom’s file was not a transcript.',
  empty: 'Zoom’s transcript file was empty.',
  truncated: 'Zoom’s transcript file was cut short; this is the part that arrived.',
  file_gone: 'Zoom no longer has the transcript file.',
  too_large: 'The transcript file was too large to read.',
  download_failed: 'The transcript could not be downloaded.',
  untrusted_url: 'The transcript link did not point to Zoom.',
};

/** One line about the meeting itself, or null when its join link says it all. */
export function meetingLine(meeting: ZoomMeeting): string | null {
  switch (meeting.state) {
    case 'creating':
      return 'Creating the Zoom meeting…';
    case 'limited':
      return `${meeting.problem?.message ?? 'Zoom limit reached'}. 1Thing will create the meeting then.`;
    case 'failed':
      return meeting.problem?.message ?? 'The meeting could not be created.';
    case 'deleting':
    case 'deleted':
      return 'The meeting is being removed.';
    case 'created':
      if (meeting.sync === 'updating') return 'Sending the new time to Zoom…';
      if (meeting.sync === 'limited') {
        return `${meeting.problem?.message ?? 'Zoom limit reached'}. The new time goes to Zoom then.`;
      }
      if (meeting.sync === 'failed') {
        return `Zoom did not take the change: ${meeting.problem?.message ?? 'unknown reason'}`;
      }

      return null;
  }
}

export function recordingLine(meeting: ZoomMeeting): string {
  switch (meeting.recording) {
    case 'waiting':
      return 'Cloud recording is on; the transcript comes here after the meeting.';
    case 'recorded':
      return 'Recorded in Zoom’s cloud.';
    case 'no_recording':
      return 'No recording.';
  }
}

export function transcriptLine(meeting: ZoomMeeting): string {
  const { state, reason } = meeting.transcript;

  switch (state) {
    case 'waiting':
      return 'Transcript: after the meeting.';
    case 'pending':
      return 'Transcript pending: Zoom is still making it.';
    case 'fetching':
      return 'Transcript: fetching from Zoom…';
    case 'ready':
      return 'Transcript ready.';
    case 'partial':
      return `Transcript: ${TRANSCRIPT_REASONS.truncated}`;
    case 'none':
      return `No transcript. ${TRANSCRIPT_REASONS[reason ?? ''] ?? ''}`.trim();
    case 'failed':
      return `Transcript not attached. ${TRANSCRIPT_REASONS[reason ?? ''] ?? ''}`.trim();
  }
}

/** Whether the section should look again soon: something is still on its way. */
export function meetingInFlux(meeting: ZoomMeeting | null): boolean {
  if (!meeting) return false;

  if (meeting.state === 'creating' || meeting.state === 'deleting') return true;

  if (meeting.sync === 'updating') return true;

  return (
    meeting.state === 'created' &&
    ['waiting', 'pending', 'fetching'].includes(meeting.transcript.state)
  );
}
