// Who is signed in, as the server sees it. Any request that meets UNAUTHENTICATED (an expired
// cookie, a sign-out in another tab) flips this to signed-out, and the app moves to /signin.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, onUnauthenticated } from '../api/api-client.js';
import type { User } from '../api/api.types.js';
import { fetchSession, signOut } from './session.api.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; user: User }
  /** `expired`: the server said so mid-visit, so sign-in should bring the agent back here. */
  | { status: 'signed-out'; reason: 'expired' | 'signed-out' }
  | { status: 'unavailable'; error: unknown };

export interface Session {
  state: SessionState;
  reload: () => Promise<void>;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
}

export function useSession(): Session {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const reload = useCallback(async () => {
    setState({ status: 'loading' });

    try {
      setState({ status: 'signed-in', user: await fetchSession() });
    } catch (error) {
      const signedOut = error instanceof ApiError && error.code === 'UNAUTHENTICATED';

      setState(
        signedOut ? { status: 'signed-out', reason: 'expired' } : { status: 'unavailable', error },
      );
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () => onUnauthenticated(() => setState({ status: 'signed-out', reason: 'expired' })),
    [],
  );

  const signedIn = useCallback((user: User) => setState({ status: 'signed-in', user }), []);

  const leave = useCallback(async () => {
    try {
      await signOut();
    } catch (error) {
      // Already signed out on the server is the outcome we wanted; anything else must be seen.
      if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) throw error;
    }

    setState({ status: 'signed-out', reason: 'signed-out' });
  }, []);

  return { state, reload, signedIn, signOut: leave };
}
