import { apiRequest, type Query } from '../api/api-client.js';
import type { CallDirection, CallPage, CallResult } from '../api/api.types.js';

export interface CallFilters {
  contactId?: string;
  direction?: CallDirection;
  result?: CallResult;
  /** Only calls that matched no contact. */
  unmatched?: boolean;
}

export function callQuery(filters: CallFilters, cursor?: string): Query {
  return {
    contactId: filters.contactId,
    direction: filters.direction,
    result: filters.result,
    unmatched: filters.unmatched ? '1' : undefined,
    cursor,
  };
}

/** One page of calls, newest first; pass the previous page's `nextCursor` for the next one. */
export function fetchCalls(filters: CallFilters, cursor?: string): Promise<CallPage> {
  return apiRequest<CallPage>('/api/calls', { query: callQuery(filters, cursor) });
}
