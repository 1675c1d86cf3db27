// Sends event notifications the way Zoom does (WEBHOOKS.md §1.6): a 2xx delivers; 5xx,
// timeouts and connection failures are retried after each configured delay (Zoom: 5, 20 and
// 60 minutes); 3xx and 4xx drop the event. Events queued under one key (a call id) go out one
// after another, each waiting until the one before is delivered or given up; keys run side by
// side. close() cancels waiting retries and in-flight attempts, leaving no timers behind.
import type { DeliveryRecord, RecordLog } from '../state/logs.store.js';
import { postSigned } from './signed-post.js';

export interface OutgoingEvent {
  event: string;
  callId: string | null;
  /** Built when its turn comes, so `event_ts` is the moment it is sent. */
  body: () => unknown;
}

export interface DeliverySettings {
  webhookUrl?: string;
  webhookSecretToken: string;
  webhookRetryDelaysMs: number[];
  webhookTimeoutMs: number;
  eventGapMs: number;
}

export interface DispatcherDeps {
  settings: () => DeliverySettings;
  deliveries: RecordLog<DeliveryRecord>;
  now: () => number;
}

export class WebhookDispatcher {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly deps: DispatcherDeps) {}

  /** Aborts when the simulator closes; other outgoing requests hang their own work on it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Queues the events behind whatever is still queued under the same key. */
  enqueue(key: string, events: OutgoingEvent[]): void {
    if (this.stopping.signal.aborted) {
      return;
    }

    const before = this.queues.get(key) ?? Promise.resolve();
    const mine = before.then(() => this.sendInOrder(events)).catch(() => undefined);

    this.queues.set(key, mine);
    this.running.add(mine);

    void mine.finally(() => {
      this.running.delete(mine);

      if (this.queues.get(key) === mine) {
        this.queues.delete(key);
      }
    });
  }

  /** Resolves once every queued event is delivered or given up. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }

  async close(): Promise<void> {
    this.stopping.abort(new Error('simulator closed'));
    await this.idle();
  }

  private async sendInOrder(events: OutgoingEvent[]): Promise<void> {
    for (const [index, event] of events.entries()) {
      if (index > 0) {
        await pause(this.deps.settings().eventGapMs, this.stopping.signal);
      }

      await this.deliver(event);
    }
  }

  private async deliver(event: OutgoingEvent): Promise<void> {
    const rawBody = JSON.stringify(event.body());

    for (let attempt = 1; ; attempt += 1) {
      const settings = this.deps.settings();

      if (!settings.webhookUrl) {
        this.record(event, attempt, { status: null, error: 'no_webhook_url', durationMs: 0 });

        return;
      }

      const outcome = await postSigned({
        url: settings.webhookUrl,
        secret: settings.webhookSecretToken,
        rawBody,
        now: this.deps.now(),
        timeoutMs: settings.webhookTimeoutMs,
        signal: this.stopping.signal,
      });

      this.record(event, attempt, outcome);

      const delay = settings.webhookRetryDelaysMs[attempt - 1];

      if (outcome.delivered || !outcome.retryable || delay === undefined) {
        return;
      }

      await pause(delay, this.stopping.signal);
    }
  }

  private record(
    event: OutgoingEvent,
    attempt: number,
    outcome: { status: number | null; error: string | null; durationMs: number },
  ): void {
    this.deps.deliveries.add({
      event: event.event,
      callId: event.callId,
      attempt,
      status: outcome.status,
      error: outcome.error,
      delivered: outcome.error === null,
      durationMs: outcome.durationMs,
      time: new Date(this.deps.now()).toISOString(),
    });
  }
}

/** setTimeout as a promise that rejects, and clears its timer, when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);

      return;
    }

    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);

    signal.addEventListener('abort', stop, { once: true });
  });
}
