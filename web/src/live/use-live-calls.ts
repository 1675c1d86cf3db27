// One EventSource on GET /api/events per tab, and the live state it feeds. EventSource itself
// reconnects after a drop and sends Last-Event-ID, so the server replays what was missed; when
// the server ends the stream for good (signed out, restarted) a new one starts from a snapshot.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LiveCallView } from './live-call.types.js';
import {
  applySnapshot,
  applyView,
  emptyLiveState,
  hideCall,
  type LiveState,
} from './live-state.js';

type Action =
  | { type: 'snapshot'; views: LiveCallView[] }
  | { type: 'view'; view: LiveCallView }
  | { type: 'hide'; callId: string };

function reducer(state: LiveState, action: Action): LiveState {
  switch (action.type) {
    case 'snapshot':
      return applySnapshot(state, action.views);
    case 'view':
      return applyView(state, action.view);
    case 'hide':
      return hideCall(state, action.callId);
  }
}

const firstRetryMs = 2000;
const maxRetryMs = 30_000;

export interface LiveCalls {
  state: LiveState;
  /** False while the stream is down; the page says live updates are paused. */
  streaming: boolean;
  apply(view: LiveCallView): void;
  hide(callId: string): void;
}

function parse<T>(event: MessageEvent<string>): T | undefined {
  try {
    return JSON.parse(event.data) as T;
  } catch {
    return undefined;
  }
}

export function useLiveCalls(): LiveCalls {
  const [state, dispatch] = useReducer(reducer, emptyLiveState);
  const [streaming, setStreaming] = useState(true);
  const [generation, setGeneration] = useState(0);
  const failures = useRef(0);

  useEffect(() => {
    const source = new EventSource('/api/events');
    let retry: number | undefined;

    source.addEventListener('snapshot', (event) => {
      const snapshot = parse<{ liveCalls?: { calls: LiveCallView[] } }>(event);

      dispatch({ type: 'snapshot', views: snapshot?.liveCalls?.calls ?? [] });
    });
    source.addEventListener('call', (event) => {
      const view = parse<LiveCallView>(event);

      if (view) dispatch({ type: 'view', view });
    });
    source.addEventListener('open', () => {
      failures.current = 0;
      setStreaming(true);
    });
    source.addEventListener('error', () => {
      setStreaming(false);

      if (source.readyState !== EventSource.CLOSED) return;

      // Closed for good (an error status, or the server went away between retries).
      failures.current += 1;
      retry = window.setTimeout(
        () => setGeneration((count) => count + 1),
        Math.min(maxRetryMs, firstRetryMs * 2 ** failures.current),
      );
    });

    return () => {
      window.clearTimeout(retry);
      source.close();
    };
  }, [generation]);

  const apply = useCallback((view: LiveCallView) => dispatch({ type: 'view', view }), []);
  const hide = useCallback((callId: string) => dispatch({ type: 'hide', callId }), []);

  return { state, streaming, apply, hide };
}
