// Scripted failures: the next `times` requests matching a method and path get a canned answer
// instead of the real one, to act out Zoom's 429s and 5xx storms (API.md §6).

export interface Fault {
  method: string;
  path: string;
  status: number;
  body?: unknown;
  retryAfter?: string;
  remaining: number;
}

export class FaultStore {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, method: fault.method.toUpperCase() });
  }

  /** Spends one use of the first fault that matches, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) => candidate.method === method.toUpperCase() && candidate.path === path,
    );

    if (!fault) {
      return undefined;
    }

    fault.remaining -= 1;
    this.faults = this.faults.filter((candidate) => candidate.remaining > 0);

    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }
}
