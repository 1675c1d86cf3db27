import type { AppConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import { findSessionUser } from '../crm/sessions.repo.js';
import type { SessionUser } from '../http/auth.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { createEventHub, type EventHub } from './event-hub.js';
import { createEventPublisher, type EventPublisher } from './event-publisher.js';
import { createLocalSignal, type EventSignal } from './event-signal.js';
import { createPgEventSignal } from './pg-event-signal.js';

/** Builds one part of the first message of a fresh stream: the state as it is right now. */
export type SnapshotPart = (user: SessionUser) => Promise<unknown>;

/**
 * The real-time side of the app (DESIGN.md §2 "Real time"): features publish per-user events,
 * GET /api/events streams them. Events are rows in the database, so a reconnecting browser
 * replays what it missed and any instance can serve any stream.
 */
export interface Realtime {
  publisher: EventPublisher;
  hub: EventHub;
  /** Named parts of the snapshot a fresh stream starts with; features add theirs. */
  snapshotParts: Map<string, SnapshotPart>;
  /** In-process, or LISTEN/NOTIFY on PostgreSQL so that every instance's streams wake. */
  signal: EventSignal;
  /** Ends the streams (browsers reconnect elsewhere) and the signal's LISTEN connection. */
  close(): Promise<void>;
}

export function createRealtime(options: {
  db: Db;
  config: Readonly<AppConfig>;
  clock: Clock;
  logger: Logger;
  signal?: EventSignal;
}): Realtime {
  const { db, config, clock } = options;
  const logger = options.logger.child({ component: 'realtime' });
  const signal =
    options.signal ??
    (config.database.kind === 'postgres'
      ? createPgEventSignal({ url: config.database.url, db, logger })
      : createLocalSignal());
  const hub = createEventHub({
    db,
    signal,
    logger,
    pollIntervalMs: config.REALTIME_POLL_INTERVAL_MS,
    sessionAlive: async (sessionId) =>
      (await findSessionUser(db, sessionId, clock.now())) !== undefined,
  });

  return {
    publisher: createEventPublisher({
      db,
      signal,
      clock,
      logger,
      retentionMs: config.REALTIME_EVENT_RETENTION_HOURS * 3_600_000,
    }),
    hub,
    snapshotParts: new Map(),
    signal,
    async close() {
      hub.closeAll();
      await signal.close();
    },
  };
}
