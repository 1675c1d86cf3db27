import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { errorBody } from '../http/errors.js';
import { renderGaugeFamily } from './instruments.js';
import { allInstruments } from './metrics.js';
import { readQueueDepth } from './queue-depth.js';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics: Prometheus text format. It carries counts only (no user, contact or number),
 * but it still says how busy a customer is, so it is not public: with METRICS_TOKEN set, a
 * scraper sends `Authorization: Bearer <token>`; without it, only a client on this machine that
 * no proxy relayed may read it (a proxy on the same host would make every visitor "local").
 */
export async function metricsRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const token = context.config.METRICS_TOKEN;

  app.get('/metrics', { helmet: false }, async (request, reply) => {
    const allowed = token ? bearerMatches(request, token) : isDirectLoopback(request);

    if (!allowed) {
      return reply.code(token ? 401 : 403).send(errorBody(token ? 'UNAUTHENTICATED' : 'FORBIDDEN'));
    }

    const depth = await readQueueDepth(context.db, context.clock.now());
    const shared = [
      renderGaugeFamily(
        'onething_jobs',
        'Jobs in the shared queue by state (failed: gave up after their last attempt).',
        depth.jobsByState.map(({ state, count }) => ({ labels: { state }, value: count })),
      ),
      renderGaugeFamily('onething_webhooks_pending', 'Stored webhooks not yet processed.', [
        { labels: {}, value: depth.webhooksPending },
      ]),
      renderGaugeFamily(
        'onething_webhook_oldest_pending_seconds',
        'Age of the oldest stored webhook not yet processed.',
        [{ labels: {}, value: depth.oldestPendingWebhookSeconds }],
      ),
    ];
    const text = [...allInstruments.map((instrument) => instrument.render()), ...shared].join('');

    return reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(text);
  });
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  // The scheme is case-insensitive (RFC 9110 §11.1).
  const given = /^bearer /i.test(header) ? header.slice('bearer '.length) : '';
  // Comparing digests keeps the comparison constant-time whatever the lengths.
  const digest = (value: string) => createHash('sha256').update(value).digest();

  return given !== '' && timingSafeEqual(digest(given), digest(token));
}

// Headers a reverse proxy on the same host adds; any of them means the request came from
// further away than the loopback socket suggests.
const relayHeaders = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'via'];

function isDirectLoopback(request: FastifyRequest): boolean {
  const relayed = relayHeaders.some((name) => request.headers[name] !== undefined);

  return !relayed && loopback.has(request.socket.remoteAddress ?? '');
}
