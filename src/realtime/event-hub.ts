import type { Db } from '../db/database.js';
import type { Logger } from '../lib/logger.js';
import type { EventSignal } from './event-signal.js';
import { metrics } from '../metrics/metrics.js';
import { eventsAfter, latestSeqs } from './realtime-events.repo.js';
import { formatEvent, keepAliveComment } from './sse-format.js';

/** One open GET /api/events response, as the hub sees it. */
export interface EventStream {
  userId: string;
  sessionId: string;
  /** The last event id this stream has delivered (or, before the first, skipped). */
  cursor: number;
  write(chunk: string | Buffer): void;
  close(): void;
}

export interface EventHub {
  /** Starts delivering the user's events after `stream.cursor`; returns the detach function. */
  attach(stream: EventStream): () => void;
  streamCount(userId: string): number;
  /** Ends every stream (server shutdown); browsers reconnect to another instance or later. */
  closeAll(): void;
}

export interface EventHubOptions {
  db: Db;
  signal: EventSignal;
  logger: Logger;
  /** Catch-up poll for events published by another process; see event-signal.ts. */
  pollIntervalMs: number;
  keepAliveMs?: number;
  /** False once the session behind a stream has ended (signed out, expired). */
  sessionAlive(sessionId: string): Promise<boolean>;
}

interface Channel {
  streams: Set<EventStream>;
  reading: boolean;
  readAgain: boolean;
}

// One read covers a normal burst; a stream far behind gets the rest in further reads.
const batchSize = 200;

/**
 * Fans each user's stored events out to that user's open streams, in order, each event once
 * per stream. All streams of a user share one database read per wake-up however many tabs
 * (or benchmark clients) are open, and the formatted text is built once per event.
 */
export function createEventHub(options: EventHubOptions): EventHub {
  const { db, signal, logger } = options;
  const channels = new Map<string, Channel>();
  const keepAliveMs = options.keepAliveMs ?? 20_000;
  let timers: NodeJS.Timeout[] = [];

  async function read(userId: string, channel: Channel) {
    let more = true;

    while (more && channel.streams.size > 0) {
      let from = Number.POSITIVE_INFINITY;

      for (const stream of channel.streams) from = Math.min(from, stream.cursor);

      const events = await eventsAfter(db, userId, from, batchSize);

      more = events.length === batchSize;

      for (const event of events) {
        // Encoded once, then the same bytes go to every stream of the user.
        const text = Buffer.from(
          formatEvent({ id: event.seq, type: event.type, data: event.data }),
        );

        for (const stream of channel.streams) {
          if (event.seq <= stream.cursor) continue;

          stream.cursor = event.seq;
          stream.write(text);
        }
      }
    }
  }

  /** Reads and sends what is new; a wake-up during a read makes it read once more after. */
  async function deliver(userId: string) {
    const channel = channels.get(userId);

    if (!channel) return;

    if (channel.reading) {
      channel.readAgain = true;

      return;
    }

    channel.reading = true;

    try {
      do {
        channel.readAgain = false;
        await read(userId, channel);
      } while (channel.readAgain);
    } catch (error) {
      logger.error({ err: error, userId }, 'realtime delivery failed');
    } finally {
      channel.reading = false;
    }
  }

  async function pollCounters() {
    const userIds = [...channels.keys()];

    try {
      for (let start = 0; start < userIds.length; start += 500) {
        const latest = await latestSeqs(db, userIds.slice(start, start + 500));

        for (const [userId, seq] of latest) {
          const channel = channels.get(userId);
          const behind = [...(channel?.streams ?? [])].some((stream) => stream.cursor < seq);

          if (behind) void deliver(userId);
        }
      }
    } catch (error) {
      logger.warn({ err: error }, 'realtime poll failed');
    }
  }

  async function checkSessions() {
    const sessions = new Map<string, EventStream[]>();

    for (const channel of channels.values()) {
      for (const stream of channel.streams) {
        stream.write(keepAliveComment);
        sessions.set(stream.sessionId, [...(sessions.get(stream.sessionId) ?? []), stream]);
      }
    }

    for (const [sessionId, streams] of sessions) {
      const alive = await options.sessionAlive(sessionId).catch(() => true);

      if (!alive) streams.forEach((stream) => stream.close());
    }
  }

  function startTimers() {
    if (timers.length > 0) return;

    timers = [
      setInterval(() => void pollCounters(), options.pollIntervalMs),
      setInterval(() => void checkSessions(), keepAliveMs),
    ];
    timers.forEach((timer) => timer.unref());
  }

  function stopTimersWhenIdle() {
    if (channels.size > 0) return;

    timers.forEach((timer) => clearInterval(timer));
    timers = [];
  }

  // null: the signal may have missed some (its listener reconnected), so check every stream.
  signal.listen((userId) => void (userId === null ? pollCounters() : deliver(userId)));

  return {
    attach(stream) {
      const channel = channels.get(stream.userId) ?? {
        streams: new Set(),
        reading: false,
        readAgain: false,
      };

      channels.set(stream.userId, channel);
      channel.streams.add(stream);
      metrics.sseClients.add(1);
      startTimers();
      void deliver(stream.userId);

      return () => {
        if (channel.streams.delete(stream)) metrics.sseClients.add(-1);

        if (channel.streams.size === 0 && channels.get(stream.userId) === channel) {
          channels.delete(stream.userId);
          stopTimersWhenIdle();
        }
      };
    },

    streamCount(userId) {
      return channels.get(userId)?.streams.size ?? 0;
    },

    closeAll() {
      for (const channel of [...channels.values()]) {
        for (const stream of [...channel.streams]) stream.close();
      }
    },
  };
}
