import type { FieldProblem } from '../../../zoom/meeting-failures.js';
import type { MeetingRow } from './meetings.repo.js';

/** The activity's Meeting section as the API returns it. `start_url` is never part of it. */
export interface MeetingView {
  id: string;
  activityId: string | null;
  state: MeetingRow['state'];
  zoomMeetingId: string | null;
  joinUrl: string | null;
  passcode: string | null;
  /** When Zoom has the meeting start, UTC. */
  startTime: string | null;
  timeZone: string | null;
  sync: MeetingRow['sync_state'];
  problem: { code: string; message: string; fields: FieldProblem[]; retryAt: string | null } | null;
  recording: MeetingRow['recording_state'];
  transcript: { state: MeetingRow['transcript_state']; reason: string | null };
  updatedAt: string;
}

export function meetingView(row: MeetingRow): MeetingView {
  return {
    id: row.id,
    activityId: row.activity_id,
    state: row.state,
    zoomMeetingId: row.zoom_meeting_id,
    joinUrl: row.join_url,
    passcode: row.passcode,
    startTime: row.zoom_start_time,
    timeZone: row.zoom_timezone,
    sync: row.sync_state,
    problem: row.problem_code
      ? {
          code: row.problem_code,
          message: row.problem_message ?? '',
          fields: row.problem_fields ? (JSON.parse(row.problem_fields) as FieldProblem[]) : [],
          retryAt: row.retry_at === null ? null : new Date(row.retry_at).toISOString(),
        }
      : null,
    recording: row.recording_state,
    transcript: { state: row.transcript_state, reason: row.transcript_reason },
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
