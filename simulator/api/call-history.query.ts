// Reads the query of GET /phone/users/me/call_history the way phone-api.json documents it:
// `from` and `to` go together, cover at most one month, and default to the last 24 hours;
// `page_size` defaults to 30 and stops at 300 (API.md §5).
import type { FormBody } from '../http/form-body.js';
import { oneMonthAfter, parseRangeBound, zoomTime } from '../state/zoom-time.js';
import { invalidParam, type ZoomError } from './zoom-errors.js';

export const DEFAULT_PAGE_SIZE = 30;
export const MAX_PAGE_SIZE = 300;

export interface HistoryQuery {
  fromMs: number;
  toMs: number;
  /** Echoed back as the response's `from` and `to`. */
  from: string;
  to: string;
  pageSize: number;
  nextPageToken?: string;
}

/**
 * `defaultSpanMs` is how far back an unbounded query reaches: a day for call history, 30 days
 * for voicemails (phone-api.json, each operation's `from`).
 */
export function readHistoryQuery(
  query: FormBody,
  now: number,
  defaultSpanMs = 86_400_000,
): HistoryQuery | ZoomError {
  const pageSize = readPageSize(query.page_size);

  if (pageSize === undefined) {
    return invalidParam('page_size');
  }

  const range = readRange(query, now, defaultSpanMs);

  if ('status' in range) {
    return range;
  }

  return {
    ...range,
    pageSize,
    ...(query.next_page_token ? { nextPageToken: query.next_page_token } : {}),
  };
}

// Zoom caps rather than refuses a page size above the maximum.
function readPageSize(value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return DEFAULT_PAGE_SIZE;
  }

  const size = Number(value);

  return Number.isInteger(size) && size > 0 ? Math.min(size, MAX_PAGE_SIZE) : undefined;
}

function readRange(
  query: FormBody,
  now: number,
  defaultSpanMs: number,
): Omit<HistoryQuery, 'pageSize'> | ZoomError {
  const { from, to } = query;

  if (from === undefined && to === undefined) {
    return {
      fromMs: now - defaultSpanMs,
      toMs: now,
      from: zoomTime(now - defaultSpanMs),
      to: zoomTime(now),
    };
  }

  if (from === undefined || to === undefined) {
    return invalidParam(from === undefined ? 'from' : 'to', 'from and to go together.');
  }

  const fromMs = parseRangeBound(from, 'start');
  const toMs = parseRangeBound(to, 'end');

  if (fromMs === undefined || toMs === undefined) {
    return invalidParam(fromMs === undefined ? 'from' : 'to');
  }

  // A bare `to` date is measured from the start of its day: 2026-10-01..2026-11-01 is a month.
  const toStart = parseRangeBound(to, 'start') ?? toMs;

  if (toMs < fromMs || toStart > oneMonthAfter(fromMs)) {
    return invalidParam('to', 'The range from from to to must be one month or less.');
  }

  return { fromMs, toMs, from, to };
}
