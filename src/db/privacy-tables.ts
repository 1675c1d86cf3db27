/** Issue 7's tables (migrations 006-007), kept beside db-types.ts so the shared file grows by lines. */
type Millis = number;

export interface JobsAwaitingReconnectTable {
  id: string;
  user_id: string;
  job_name: string;
  /** The job's payload as JSON: ids only, as every job payload. */
  payload: string;
  max_attempts: number;
  held_at: Millis;
}
