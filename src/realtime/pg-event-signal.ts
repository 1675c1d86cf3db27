import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/logger.js';
import type { EventSignal, SignalListener } from './event-signal.js';

export interface PgEventSignalOptions {
  /** The app's DATABASE_URL; the listener opens its own connection with it. */
  url: string;
  /** The app's pool, for NOTIFY (a plain statement, no need for a connection of its own). */
  db: Db;
  logger: Logger;
  /** First wait before reconnecting a dropped listener; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

export interface PgEventSignal extends EventSignal {
  /** The listener connection's application_name, so operators (and tests) can find it. */
  readonly applicationName: string;
  /** True while LISTEN is in force on a live connection. */
  listening(): boolean;
}

// Channels are per schema: several databases may share one server (the test suite does, one
// schema per test file), and a NOTIFY reaches every session of the whole database.
const channelSql = "'realtime_' || coalesce(current_schema(), 'public')";

/**
 * EventSignal across instances (issue 8): `notify` sends `pg_notify(channel, '<instance>
 * <userId>')` on the pool after the publishing transaction has committed (event-publisher.ts
 * calls it then), and one dedicated connection, outside the Kysely pool, holds a LISTEN.
 *
 * A NOTIFY is lost while the listener is disconnected (PostgreSQL restarts, a proxy drops the
 * socket). So every (re)connect first LISTENs, then tells the local listeners to look at every
 * stream again: anything committed before LISTEN is found by that read, anything after is
 * notified. The hub's poll (REALTIME_POLL_INTERVAL_MS) stays as the last safety net.
 */
export function createPgEventSignal(options: PgEventSignalOptions): PgEventSignal {
  const { url, db } = options;
  const logger = options.logger.child({ component: 'realtime-listener' });
  const instanceId = newId().replace(/-/g, '').slice(0, 12);
  const applicationName = `1thing-realtime ${instanceId}`;
  const firstDelayMs = options.reconnectDelayMs ?? 1000;
  const maxDelayMs = options.maxReconnectDelayMs ?? 30_000;
  const listeners = new Set<SignalListener>();
  let client: pg.Client | undefined;
  let listening = false;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;

  function wake(userId: string | null) {
    for (const listener of listeners) listener(userId);
  }

  function onNotification(message: pg.Notification) {
    const [sender, userId] = (message.payload ?? '').split(' ');

    // Our own notifications woke the local streams already, in notify().
    if (sender !== instanceId && userId) wake(userId);
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;

    // Capped exponential backoff with jitter, so a restarted server is not met by every
    // instance in the same millisecond.
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(failures, 10));
    const jittered = Math.round(delay * (0.8 + Math.random() * 0.4));

    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, jittered);
    retryTimer.unref();
  }

  function dropped(lost: pg.Client, error?: Error) {
    if (client !== lost) return;

    client = undefined;
    listening = false;
    lost.removeAllListeners('notification');
    // Ending a broken client may fail again; it is discarded either way.
    lost.end().catch(() => undefined);

    if (closed) return;

    logger.warn({ err: error, attempt: failures + 1 }, 'realtime listener lost; reconnecting');
    scheduleReconnect();
  }

  async function connect() {
    if (closed || client) return;

    const candidate = new pg.Client({ connectionString: url, application_name: applicationName });

    client = candidate;
    candidate.on('error', (error) => dropped(candidate, error));
    candidate.on('end', () => dropped(candidate));
    candidate.on('notification', onNotification);

    try {
      await candidate.connect();

      const { rows } = await candidate.query<{ channel: string }>(
        `select ${channelSql} as channel`,
      );

      await candidate.query(`listen ${candidate.escapeIdentifier(rows[0]?.channel ?? '')}`);
    } catch (error) {
      dropped(candidate, error as Error);

      return;
    }

    if (client !== candidate || closed) return;

    listening = true;
    if (failures > 0) logger.info({ attempts: failures }, 'realtime listener reconnected');
    failures = 0;
    // Signals sent while nobody was listening are gone: every stream looks again.
    wake(null);
  }

  return {
    applicationName,

    listening: () => listening,

    notify(userId) {
      wake(userId);
      sql`select pg_notify(${sql.raw(channelSql)}, ${`${instanceId} ${userId}`})`
        .execute(db)
        .catch((error: unknown) => {
          // The event is stored; other instances find it at their next poll.
          logger.warn({ err: error, userId }, 'realtime notify failed');
        });
    },

    listen(listener) {
      listeners.add(listener);
      void connect();

      return () => listeners.delete(listener);
    },

    async close() {
      closed = true;
      clearTimeout(retryTimer);

      const open = client;

      client = undefined;
      listening = false;
      await open?.end().catch(() => undefined);
    },
  };
}
