// The shapes of the activity, Zoom meeting and transcript endpoints, as the server returns them.

export const ACTIVITY_KINDS = [
  'showing',
  'consultation',
  'call',
  'meeting',
  'task',
  'note',
] as const;

export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Activity {
  id: string;
  kind: ActivityKind;
  title: string;
  notes: string | null;
  contactId: string | null;
  startsAt: string | null;
  timeZone: string | null;
  durationMinutes: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of `POST /api/activities` and `PATCH /api/activities/:id`. */
export interface ActivityInput {
  kind: ActivityKind;
  title: string;
  notes: string | null;
  contactId: string | null;
  startsAt: string | null;
  timeZone: string | null;
  durationMinutes: number | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type MeetingState = 'creating' | 'limited' | 'created' | 'failed' | 'deleting' | 'deleted';

export type TranscriptState =
  'waiting' | 'pending' | 'fetching' | 'ready' | 'partial' | 'none' | 'failed';

export interface ZoomMeeting {
  id: string;
  activityId: string | null;
  state: MeetingState;
  zoomMeetingId: string | null;
  joinUrl: string | null;
  passcode: string | null;
  startTime: string | null;
  timeZone: string | null;
  sync: 'in_sync' | 'updating' | 'limited' | 'failed';
  problem: { code: string; message: string; fields: FieldProblem[]; retryAt: string | null } | null;
  recording: 'waiting' | 'recorded' | 'no_recording';
  transcript: { state: TranscriptState; reason: string | null };
  updatedAt: string;
}

export interface TranscriptTurn {
  speaker: string | null;
  text: string;
}

export interface Transcript {
  status: 'ready' | 'partial';
  text: string;
  turns: TranscriptTurn[];
  cueCount: number;
  createdAt: string;
}
