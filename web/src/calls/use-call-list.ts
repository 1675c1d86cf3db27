// A live list of calls for some filters: refreshed every `pollMs` while the tab is visible, with
// "Load more" for older pages. A response for filters the agent has since changed is dropped.
import { useCallback, useRef, useState } from 'react';
import { messageForError } from '../api/error-messages.js';
import { useVisiblePolling } from '../shell/use-visible-polling.js';
import { appendPage, type CallList, firstPage, refreshFirstPage } from './call-pages.js';
import { type CallFilters, callQuery, fetchCalls } from './calls.api.js';

export interface LiveCallList {
  /** Null until the first page for the current filters has arrived. */
  list: CallList | null;
  error: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
}

interface Loaded {
  key: string;
  list: CallList;
}

export function useCallList(filters: CallFilters, pollMs: number): LiveCallList {
  const key = JSON.stringify(callQuery(filters));
  const keyRef = useRef(key);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  keyRef.current = key;

  const refresh = useCallback(async () => {
    try {
      const page = await fetchCalls(filters);

      if (keyRef.current !== key) return;
      setLoaded((previous) =>
        previous?.key === key
          ? { key, list: refreshFirstPage(previous.list, page) }
          : { key, list: firstPage(page) },
      );
      setError(null);
    } catch (caught) {
      if (keyRef.current === key) setError(messageForError(caught));
    }
  }, [filters, key]);

  useVisiblePolling(refresh, pollMs, key);

  const current = loaded?.key === key ? loaded : null;

  const loadMore = useCallback(async () => {
    const cursor = current?.list.nextCursor;

    if (!cursor) return;
    setLoadingMore(true);

    try {
      const page = await fetchCalls(filters, cursor);

      if (keyRef.current === key) {
        setLoaded((previous) =>
          previous?.key === key ? { key, list: appendPage(previous.list, page) } : previous,
        );
      }
    } catch (caught) {
      setError(messageForError(caught));
    } finally {
      setLoadingMore(false);
    }
  }, [current, filters, key]);

  return { list: current?.list ?? null, error, loadingMore, loadMore };
}
