/**
 * The contract every job engine behind the app honours. Handlers must be idempotent: a job may
 * run again after a crash, and the idempotency key keeps a second enqueue from adding a copy.
 */
export interface JobRequest {
  name: string;
  payload: Record<string, unknown>;
  /** Enqueueing the same key twice keeps the first job only. */
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

export interface JobQueue {
  enqueue(request: JobRequest): Promise<string | null>;
  register(name: string, handler: JobHandler): void;
  start(): void;
  /** Stops claiming new jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  cancelForUser(userId: string): Promise<number>;
}
