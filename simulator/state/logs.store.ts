// What the simulator saw and did, for tests to assert on: requests it answered, and webhook
// delivery attempts. Neither ever holds a token, a code, a secret or a signature.

export interface RequestRecord {
  method: string;
  /** Path only: a query string could carry a token (API.md: tokens in the query are refused). */
  path: string;
  status: number;
  grantType?: string;
  time: string;
}

export interface DeliveryRecord {
  event: string;
  callId: string | null;
  attempt: number;
  /** The receiver's HTTP status; null when it never answered. */
  status: number | null;
  /** `timeout`, `connection_failed: …`, `no_webhook_url`, or null on a 2xx. */
  error: string | null;
  delivered: boolean;
  durationMs: number;
  time: string;
}

/** An append-only list a test can read and clear. */
export class RecordLog<T> {
  private records: T[] = [];

  add(record: T): void {
    this.records.push(record);
  }

  list(): T[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
