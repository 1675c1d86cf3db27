// A local HTTP server standing in for the app's webhook endpoint: it keeps every request's raw
// bytes and answers however the test scripts it (status, delay, body).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  json: { event: string; event_ts: number; payload: Record<string, unknown> };
  receivedAt: number;
}

export interface Answer {
  status?: number;
  delayMs?: number;
  body?: string;
}

export type Responder = (request: Received, index: number) => Answer;

export interface WebhookReceiver {
  url: string;
  received: Received[];
  respondWith(responder: Responder): void;
  waitForCount(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(responder: Responder = () => ({})): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let respond = responder;

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];

    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const entry: Received = {
        headers: request.headers,
        rawBody,
        json: JSON.parse(rawBody.toString('utf8')),
        receivedAt: Date.now(),
      };
      const answer = respond(entry, received.length);

      received.push(entry);

      const send = () => {
        timers.delete(timer);

        if (!response.destroyed) {
          response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
          response.end(answer.body ?? '');
        }
      };
      const timer = setTimeout(send, answer.delayMs ?? 0);

      timers.add(timer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks/zoom`,
    received,
    respondWith(next) {
      respond = next;
    },
    async waitForCount(count, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;

      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} webhook requests, got ${received.length}`);
        }

        await new Promise((resolve) => setTimeout(resolve, 5));
      }

      return received.slice(0, count);
    },
    async close() {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
