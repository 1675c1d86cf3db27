/**
 * Tells the event streams that a user has new events in the database. The signal carries no
 * event, only "look again", so a lost or doubled signal costs a query, never an event: streams
 * always read what to send from `realtime_events`.
 *
 * Two versions sit behind these methods: this in-process one, for SQLite and a single
 * instance, and PostgreSQL LISTEN/NOTIFY (pg-event-signal.ts) for several instances on one
 * database. Either way event-hub.ts also polls the counters every REALTIME_POLL_INTERVAL_MS,
 * the only path between processes on SQLite (`ROLE=web` beside `ROLE=worker`) and the safety
 * net for a NOTIFY lost on PostgreSQL.
 */
export interface EventSignal {
  notify(userId: string): void;
  /** Returns a function that stops listening. */
  listen(listener: SignalListener): () => void;
  /** Releases what the signal holds (the LISTEN connection); called at shutdown. */
  close(): Promise<void>;
}

/**
 * Called with the user who has new events, or with null for "signals may have been missed
 * (the listener reconnected): look at every stream again".
 */
export type SignalListener = (userId: string | null) => void;

export function createLocalSignal(): EventSignal {
  const listeners = new Set<SignalListener>();

  return {
    notify(userId) {
      for (const listener of listeners) listener(userId);
    },
    listen(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
}
