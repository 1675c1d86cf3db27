// How pages of calls combine on screen. The list is polled while it is open, and "Load more" adds
// older pages; a refreshed first page must update what it covers without dropping the older
// pages the agent already loaded, and without showing a call twice.
import type { Call, CallPage } from '../api/api.types.js';

export interface CallList {
  calls: Call[];
  nextCursor: string | null;
  /** How many pages the agent has loaded; above 1, a refresh keeps the older ones. */
  pages: number;
}

export function firstPage(page: CallPage): CallList {
  return { calls: page.calls, nextCursor: page.nextCursor, pages: 1 };
}

/** Folds a freshly fetched first page into the list on screen. */
export function refreshFirstPage(list: CallList, fresh: CallPage): CallList {
  const oldest = fresh.calls.at(-1);

  // With one page loaded, or when the fresh page is the whole history, it replaces everything.
  if (list.pages <= 1 || fresh.nextCursor === null || oldest === undefined) return firstPage(fresh);

  const freshIds = new Set(fresh.calls.map((call) => call.id));
  const boundary = Date.parse(oldest.startedAt);

  // Calls from the older pages stay; one newer than the fresh page's end but missing from it
  // is no longer in the history (deleted, or filtered out now) and goes.
  const older = list.calls.filter(
    (call) => !freshIds.has(call.id) && !(Date.parse(call.startedAt) > boundary),
  );

  return { calls: [...fresh.calls, ...older], nextCursor: list.nextCursor, pages: list.pages };
}

/** Adds the next older page, skipping any call already shown (new calls shift the pages). */
export function appendPage(list: CallList, page: CallPage): CallList {
  const shown = new Set(list.calls.map((call) => call.id));
  const added = page.calls.filter((call) => !shown.has(call.id));

  return { calls: [...list.calls, ...added], nextCursor: page.nextCursor, pages: list.pages + 1 };
}
