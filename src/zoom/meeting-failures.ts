import { parseRetryAfter } from './retry-after.js';
import { ZoomError } from './zoom-error.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A 429 from a meeting write. Zoom's per-host cap (100 creates/updates per UTC day, API.md
 * §6.1) comes without Retry-After and names itself only in its message (field report 17 b);
 * older answers carried `X-RateLimit-Type: Daily-limit` or a Retry-After date (17 a).
 */
export class ZoomLimitError extends ZoomError {
  constructor(
    operation: string,
    status: number,
    details: ConstructorParameters<typeof ZoomError>[2],
    readonly daily: boolean,
    /** The raw Retry-After header: seconds or a date, read against the caller's clock. */
    readonly retryAfter: string | null,
  ) {
    super(operation, status, details, { outcome: 'retry_later' });
    this.name = 'ZoomLimitError';
  }

  /** When Zoom takes requests again: Retry-After if given, else the next 00:00 UTC. */
  resumeAt(now: number): number {
    const wait = parseRetryAfter(this.retryAfter, now);

    if (wait !== undefined) return now + wait;

    return nextUtcMidnight(now);
  }
}

/** Zoom's code 300 "Validation Failed." with the fields at fault (API.md §6.3). */
export class ZoomValidationError extends ZoomError {
  constructor(
    operation: string,
    status: number,
    details: ConstructorParameters<typeof ZoomError>[2],
    readonly fields: FieldProblem[],
  ) {
    super(operation, status, details, { outcome: 'bad_request' });
    this.name = 'ZoomValidationError';
  }
}

export function nextUtcMidnight(now: number): number {
  const date = new Date(now);

  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

const dailyWording = /daily|per day|\(100\)/i;

/**
 * Reads a meeting write's 429 or 400 into the error that says what to do next; undefined for
 * any other status, which the generic readers handle. Consumes the body only when it answers.
 */
export async function meetingWriteFailure(
  operation: string,
  response: Response,
): Promise<ZoomError | undefined> {
  if (response.status !== 429 && response.status !== 400) return undefined;

  const body = parseBody(await response.text());
  const details = {
    code: typeof body.code === 'number' ? body.code : undefined,
    zoomMessage: typeof body.message === 'string' ? body.message.slice(0, 300) : undefined,
    trackingId: response.headers.get('x-zm-trackingid') ?? undefined,
  };

  if (response.status === 429) {
    const retryAfter = response.headers.get('retry-after');
    const rateLimitType = response.headers.get('x-ratelimit-type') ?? '';
    // A date-form Retry-After names a reset time, which only daily limits have; judged from the
    // header's form, not from our clock, so the verdict is the same whenever it is read.
    const dateForm = retryAfter !== null && !/^\s*\d+\s*$/.test(retryAfter);
    const longWait = !dateForm && (parseRetryAfter(retryAfter, 0) ?? 0) > 60_000;
    const daily =
      /daily/i.test(rateLimitType) ||
      dailyWording.test(details.zoomMessage ?? '') ||
      dateForm ||
      longWait;

    return new ZoomLimitError(operation, 429, details, daily, retryAfter);
  }

  if (details.code === 300 || Array.isArray(body.errors)) {
    return new ZoomValidationError(operation, 400, details, fieldProblems(body.errors));
  }

  return new ZoomError(operation, 400, details);
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];

  return value
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
    .map((item) => ({
      field: typeof item.field === 'string' ? item.field.slice(0, 100) : '',
      message: typeof item.message === 'string' ? item.message.slice(0, 300) : '',
    }))
    .slice(0, 20);
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(text);

    return json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
