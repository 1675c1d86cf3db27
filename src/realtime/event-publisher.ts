import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { EventSignal } from './event-signal.js';
import { insertEvent, nextSeq, purgeEvents } from './realtime-events.repo.js';

/** What a feature publishes for one user: a fixed event name, a key, and JSON-able data. */
export interface RealtimeEvent {
  type: string;
  /**
   * Unique per user: publishing the same key again stores nothing, so a job that runs twice
   * cannot make the browser show something twice.
   */
  key: string;
  data: unknown;
}

export interface EventPublisher {
  /** Stores the event and wakes the user's streams; null when the key was published before. */
  publish(userId: string, event: RealtimeEvent): Promise<number | null>;
  /**
   * Like publish, but `build` runs inside the transaction that holds the user's sequence lock,
   * so what it reads is at least as new as every event before it. Returning null publishes
   * nothing.
   */
  publishWith(
    userId: string,
    build: (trx: Db) => Promise<RealtimeEvent | null>,
  ): Promise<number | null>;
}

class NothingToPublish extends Error {}

// Purging is a cheap indexed delete, but there is no reason to run it on every event.
const purgeEveryMs = 10 * 60_000;

export function createEventPublisher(options: {
  db: Db;
  signal: EventSignal;
  clock: Clock;
  logger: Logger;
  retentionMs: number;
}): EventPublisher {
  const { db, signal, clock, logger } = options;
  let lastPurge = 0;

  async function purgeNowAndThen(now: number) {
    if (now - lastPurge < purgeEveryMs) return;

    lastPurge = now;

    const purged = await purgeEvents(db, now - options.retentionMs);

    if (purged > 0) logger.debug({ purged }, 'old realtime events purged');
  }

  async function publishWith(userId: string, build: (trx: Db) => Promise<RealtimeEvent | null>) {
    const now = clock.now();
    let seq: number;

    try {
      seq = await db.transaction().execute(async (trx) => {
        const next = await nextSeq(trx, userId);
        const event = await build(trx);

        if (!event) throw new NothingToPublish();

        const stored = await insertEvent(trx, {
          userId,
          seq: next,
          type: event.type,
          key: event.key,
          data: JSON.stringify(event.data),
          now,
        });

        // Rolling back also gives the sequence number back, so ids stay dense.
        if (!stored) throw new NothingToPublish();

        return next;
      });
    } catch (error) {
      if (error instanceof NothingToPublish) return null;

      throw error;
    }

    signal.notify(userId);
    await purgeNowAndThen(now);

    return seq;
  }

  return {
    publishWith,
    publish: (userId, event) => publishWith(userId, async () => event),
  };
}
