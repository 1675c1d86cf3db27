import type { TestClient } from './http-client.js';

export interface ReceivedEvent {
  id: number | null;
  type: string;
  data: any;
}

export interface OpenStream {
  status: number;
  events: ReceivedEvent[];
  /** Resolves with the first event (already received or still to come) that matches. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  lastEventId(): number | null;
  close(): Promise<void>;
}

/**
 * Reads GET /api/events the way EventSource does (HTML Living Standard §9.2.6): fields per
 * line, an event at each blank line, `Last-Event-ID` sent when asked, comments ignored.
 */
export async function openEventStream(
  client: TestClient,
  options: { lastEventId?: number | null } = {},
): Promise<OpenStream> {
  const abort = new AbortController();
  const sid = client.cookie('sid');
  const response = await fetch(`${client.baseUrl}/api/events`, {
    headers: {
      accept: 'text/event-stream',
      ...(sid && { cookie: `sid=${sid}` }),
      ...(options.lastEventId != null && { 'last-event-id': String(options.lastEventId) }),
    },
    signal: abort.signal,
  });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  let lastId: number | null = options.lastEventId ?? null;
  let ended = false;

  const pump = async () => {
    if (!response.body || !response.ok) return;

    const decoder = new TextDecoder();
    let buffer = '';
    let fields: { id?: string; event?: string; data: string[] } = { data: [] };

    const reader = response.body.getReader();

    try {
      for (;;) {
        const { value, done } = await reader.read();

        if (done) break;

        buffer += decoder.decode(value, { stream: true });

        let newline = buffer.indexOf('\n');

        while (newline !== -1) {
          const line = buffer.slice(0, newline).replace(/\r$/, '');

          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');

          if (line === '') {
            if (fields.data.length > 0) {
              if (fields.id !== undefined) lastId = Number(fields.id);

              events.push({
                id: fields.id === undefined ? null : Number(fields.id),
                type: fields.event ?? 'message',
                data: JSON.parse(fields.data.join('\n')),
              });
              waiters.forEach((wake) => wake());
            }

            fields = { data: [] };
            continue;
          }

          if (line.startsWith(':')) continue;

          const colon = line.indexOf(':');
          const name = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');

          if (name === 'data') fields.data.push(value);
          else if (name === 'id') fields.id = value;
          else if (name === 'event') fields.event = value;
        }
      }
    } catch {
      // Aborted by close(), or the server went away; either way the stream is over.
    } finally {
      ended = true;
      waiters.forEach((wake) => wake());
    }
  };
  const done = pump();

  return {
    status: response.status,
    events,
    lastEventId: () => lastId,
    next(match, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);

          if (found) {
            cleanup();
            resolve(found);
          } else if (ended) {
            cleanup();
            reject(new Error(`stream ended without the event; got ${JSON.stringify(events)}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };

        waiters.add(check);
        check();
      });
    },
    async close() {
      abort.abort();
      await done;
    },
  };
}

/** The `call` events for one Zoom call id, in the order they arrived. */
export function callEvents(stream: OpenStream, zoomCallId: string): ReceivedEvent[] {
  return stream.events.filter(
    (event) => event.type === 'call' && event.data.call.zoomCallId === zoomCallId,
  );
}
