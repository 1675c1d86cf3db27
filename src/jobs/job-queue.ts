/**
 * The contract every job engine behind the app honours (SQLite: db-job-queue.ts; PostgreSQL:
 * graphile-job-queue.ts). Handlers must be idempotent: a job may run again after a crash, and
 * the idempotency key keeps a second enqueue from adding a copy.
 */
export interface JobRequest {
  name: string;
  payload: Record<string, unknown>;
  /**
   * Enqueueing the same key again keeps the first job only, whatever its state, on both
   * engines: a key stays taken after its job finished, failed or was cancelled, until the
   * retention sweep deletes the finished job (7 days after it ended). Callers that want a new
   * run put something new in the key (a claim time, a retry count, a fresh id).
   */
  key?: string;
  runAt?: number;
  maxAttempts?: number;
  /** The CRM user the job works for, so their jobs can be cancelled together. */
  userId?: string | null;
}

export interface JobContext {
  jobId: string;
  attempt: number;
  payload: Record<string, unknown>;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** Thrown by a handler that must wait until a known time (a Zoom daily limit, say). */
export class RetryLaterError extends Error {
  constructor(
    readonly runAt: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryLaterError';
  }
}

/** Thrown by a handler for a failure that no retry can fix. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the app may know of a job: enough for tests and admin pages, never its payload. */
export interface JobView {
  id: string;
  name: string;
  key: string | null;
  userId: string | null;
  state: JobState;
  /** Runs started so far; a wait for RetryLaterError's time is not one. */
  attempts: number;
  maxAttempts: number;
  /** The last failure's message, kept after the job failed for good. */
  lastError: string | null;
  /** When it is (or was last) due, epoch ms on the app's clock. */
  runAt: number;
}

export interface JobFilter {
  name?: string;
  userId?: string;
  states?: JobState[];
}

export interface JobQueue {
  /** Returns the new job's id, or null when a job with the same key exists. */
  enqueue(request: JobRequest): Promise<string | null>;
  register(name: string, handler: JobHandler): void;
  start(): void;
  /**
   * Stops claiming new jobs, waits up to 10 s for the running ones to finish, and closes the
   * engine's own connections. A job still running after that runs again elsewhere once its
   * lease runs out.
   */
  stop(): Promise<void>;
  /**
   * Cancels the user's queued and running jobs and returns how many: a running one finishes
   * its current run but is not retried, and stays cancelled.
   */
  cancelForUser(userId: string): Promise<number>;
  findByKey(key: string): Promise<JobView | undefined>;
  /** In the order they were added; at most 500. */
  list(filter?: JobFilter): Promise<JobView[]>;
}
