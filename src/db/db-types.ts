import type { ColumnType, Generated } from 'kysely';
import type {
  PhoneRecordingsTable,
  RecordingPlaysTable,
  VoicemailsTable,
} from './voicemail-tables.js';
import type { JobsAwaitingReconnectTable } from './privacy-tables.js';

/**
 * The schema as the query layer sees it. Times are epoch milliseconds (bigint in PostgreSQL,
 * read back as numbers, see database.ts); flags are 0/1 integers so both dialects agree.
 */
type Millis = number;
type Flag = number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: Flag;
  default_region: string;
  created_at: Millis;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Millis;
  expires_at: Millis;
}

export interface ContactsTable {
  id: string;
  owner_id: string;
  name: string;
  email: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ContactPhonesTable {
  id: string;
  contact_id: string;
  owner_id: string;
  label: string;
  raw: string;
  e164: string | null;
  extension: string | null;
  position: number;
}

export interface ActivitiesTable {
  id: string;
  owner_id: string;
  contact_id: string | null;
  kind: string;
  title: string;
  notes: string | null;
  starts_at: Millis | null;
  time_zone: string | null;
  duration_minutes: number | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface CallsTable {
  id: string;
  owner_id: string;
  zoom_call_id: string;
  direction: 'inbound' | 'outbound';
  status: 'ringing' | 'connected' | 'ended';
  result: string | null;
  external_number_raw: string | null;
  external_number_e164: string | null;
  external_name: string | null;
  external_kind: 'pstn' | 'hidden' | 'internal' | 'own_number';
  match: 'single' | 'ambiguous' | 'none' | 'unknown_caller' | 'internal';
  started_at: Millis | null;
  answered_at: Millis | null;
  ended_at: Millis | null;
  talk_seconds: number | null;
  recording_id: string | null;
  voicemail_id: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface CallContactsTable {
  call_id: string;
  contact_id: string;
  owner_id: string;
}

export type ProductState =
  'not_connected' | 'connected' | 'not_licensed' | 'needs_reconnect' | 'removed_in_zoom';

export interface ZoomConnectionsTable {
  id: string;
  user_id: string;
  zoom_user_id: string;
  zoom_account_id: string;
  zoom_email: string;
  scopes: string;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  key_id: string | null;
  access_expires_at: Millis | null;
  token_version: number;
  refresh_lock_owner: string | null;
  refresh_lock_until: Millis | null;
  status: 'connected' | 'needs_reconnect' | 'revoked';
  meetings_state: ProductState;
  phone_state: ProductState;
  phone_user_id: string | null;
  phone_numbers: string;
  phone_extension: string | null;
  status_reason: string | null;
  connected_at: Millis;
  authorized_at: Millis;
  updated_at: Millis;
}

export interface OauthStatesTable {
  state_hash: string;
  user_id: string;
  session_id_hash: string;
  product: 'meetings' | 'phone';
  code_verifier_enc: string;
  created_at: Millis;
  expires_at: Millis;
}

export interface WebhookInboxTable {
  id: string;
  dedupe_key: string;
  event: string;
  zoom_account_id: string | null;
  zoom_user_id: string | null;
  body: string;
  tracking_id: string | null;
  status: 'pending' | 'processed' | 'skipped' | 'failed';
  outcome: string | null;
  received_at: Millis;
  processed_at: Millis | null;
}

export interface JobsTable {
  id: string;
  name: string;
  dedupe_key: string | null;
  payload: string;
  user_id: string | null;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  run_at: Millis;
  locked_by: string | null;
  locked_until: Millis | null;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface BackfillRunsTable {
  id: string;
  user_id: string;
  status: 'running' | 'done' | 'incomplete' | 'failed' | 'cancelled';
  /** JSON array of [from, to] date pairs, each at most one month (API.md §5.2). */
  windows: string;
  window_index: number;
  page_token: string | null;
  page_token_at: Millis | null;
  /** Pages asked of Zoom so far; also names each step's job, so a step is queued once. */
  pages_fetched: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  resume_at: Millis | null;
  started_at: Millis;
  finished_at: Millis | null;
  updated_at: Millis;
}

export interface ZoomRequestPaceTable {
  zoom_account_id: string;
  next_at: Millis;
}

export interface AuditLogTable {
  id: string;
  user_id: string;
  /** Who did it: the user's email, an admin's email, `zoom` (uninstall) or `cli`. */
  actor: string;
  action: string;
  detail: string | null;
  created_at: Millis;
}

export interface PendingRevocationsTable {
  id: string;
  user_id: string;
  token_enc: string;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  created_at: Millis;
}

export interface AppStatusTable {
  key: string;
  value: string;
  updated_at: Millis;
}

export interface PilotAllowlistTable {
  email: string;
  added_at: Millis;
  added_by: string | null;
}

/** Zoom meetings made from activities (issue 3, migration 002). */
export interface ZoomMeetingsTable {
  id: string;
  owner_id: string;
  activity_id: string | null;
  state: 'creating' | 'limited' | 'created' | 'failed' | 'deleting' | 'deleted';
  zoom_meeting_id: string | null;
  zoom_uuid: string | null;
  join_url: string | null;
  passcode: string | null;
  zoom_start_time: string | null;
  zoom_timezone: string | null;
  /** The body last sent to Zoom (create or update), to tell whether the activity moved since. */
  synced_request: string | null;
  sync_state: 'in_sync' | 'updating' | 'limited' | 'failed';
  problem_code: string | null;
  problem_message: string | null;
  /** JSON `[{ field, message }]` from Zoom's code 300 validation errors. */
  problem_fields: string | null;
  retry_at: Millis | null;
  recording_state: 'waiting' | 'recorded' | 'no_recording';
  transcript_state: 'waiting' | 'pending' | 'fetching' | 'ready' | 'partial' | 'none' | 'failed';
  transcript_reason: string | null;
  ended_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface MeetingRecordingFilesTable {
  id: string;
  meeting_id: string;
  owner_id: string;
  zoom_uuid: string;
  file_id: string;
  file_type: string;
  file_extension: string | null;
  recording_type: string | null;
  file_size: number | null;
  status: string | null;
  download_url: string | null;
  /** The event's download_token, sealed with the token cipher; never in a job payload. */
  download_token_enc: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface MeetingTranscriptsTable {
  id: string;
  owner_id: string;
  activity_id: string;
  meeting_id: string;
  zoom_uuid: string;
  file_id: string;
  status: 'ready' | 'partial';
  text: string;
  /** JSON `[{ speaker, text }]`. */
  turns: string;
  cue_count: number;
  created_at: Millis;
}

export interface ZoomMeetingLimitsTable {
  user_id: string;
  resume_at: Millis;
  updated_at: Millis;
}

/** Live-call facts the call row does not hold (issue 4, migration 003). */
export interface LiveCallsTable {
  call_id: string;
  owner_id: string;
  /** `shared` when a call queue or shared line routed the call to the agent. */
  line: 'personal' | 'shared';
  end_state: 'ending' | 'refused' | null;
  end_requested_at: Millis | null;
  callback_state: 'open' | 'done' | null;
  updated_at: Millis;
}

export interface DialIntentsTable {
  id: string;
  user_id: string;
  contact_id: string | null;
  e164: string;
  call_id: string | null;
  created_at: Millis;
}

export interface RealtimeStreamsTable {
  user_id: string;
  last_seq: number;
}

export interface RealtimeEventsTable {
  user_id: string;
  seq: number;
  type: string;
  dedupe_key: string;
  data: string;
  created_at: Millis;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  contacts: ContactsTable;
  contact_phones: ContactPhonesTable;
  activities: ActivitiesTable;
  calls: CallsTable;
  call_contacts: CallContactsTable;
  zoom_connections: ZoomConnectionsTable;
  oauth_states: OauthStatesTable;
  webhook_inbox: WebhookInboxTable;
  jobs: JobsTable;
  app_status: AppStatusTable;
  pilot_allowlist: PilotAllowlistTable;
  zoom_meetings: ZoomMeetingsTable;
  meeting_recording_files: MeetingRecordingFilesTable;
  meeting_transcripts: MeetingTranscriptsTable;
  zoom_meeting_limits: ZoomMeetingLimitsTable;
  backfill_runs: BackfillRunsTable;
  zoom_request_pace: ZoomRequestPaceTable;
  audit_log: AuditLogTable;
  pending_revocations: PendingRevocationsTable;
  live_calls: LiveCallsTable;
  dial_intents: DialIntentsTable;
  realtime_streams: RealtimeStreamsTable;
  realtime_events: RealtimeEventsTable;
  voicemails: VoicemailsTable;
  phone_recordings: PhoneRecordingsTable;
  recording_plays: RecordingPlaysTable;
  jobs_awaiting_reconnect: JobsAwaitingReconnectTable;
}

export type { Generated };
