/**
 * Tells the event streams of this process that a user has new events in the database. The
 * signal carries no event, only "look again", so a lost or doubled signal costs a query, never
 * an event: streams always read what to send from `realtime_events`.
 *
 * This in-process version serves one instance with ROLE=all. Several instances (issue 8) put
 * PostgreSQL LISTEN/NOTIFY behind the same two methods: `notify` becomes `NOTIFY realtime,
 * '<userId>'` after the publishing transaction commits, and `listen` a LISTEN on one pooled
 * connection. Until then, event-hub.ts polls the counters as a fallback
 * (REALTIME_POLL_INTERVAL_MS).
 */
export interface EventSignal {
  notify(userId: string): void;
  /** Returns a function that stops listening. */
  listen(listener: (userId: string) => void): () => void;
}

export function createLocalSignal(): EventSignal {
  const listeners = new Set<(userId: string) => void>();

  return {
    notify(userId) {
      for (const listener of listeners) listener(userId);
    },
    listen(listener) {
      listeners.add(listener);

      return () => listeners.delete(listener);
    },
  };
}
