import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { errorBody } from '../http/errors.js';
import { setStatus } from '../lib/app-status.repo.js';
import { metrics } from '../metrics/metrics.js';
import { crashPoint } from '../lib/crash-point.js';
import { parseExternalJson } from '../lib/text.js';
import { storeInboundEvent } from './inbox.repo.js';
import { urlValidationAnswer, verifyZoomSignature } from './signature.js';
import { readEnvelope } from './webhook-envelope.js';
import { webhookFamilies } from '../integrations/zoom/webhook-families.js';

const maxBodyBytes = 1024 * 1024;
// Writing "last verified event" on every event would double the inbox's write load.
const statusWriteIntervalMs = 5_000;

/**
 * POST /webhooks/zoom: verify the signature over the raw bytes, store the event with its job,
 * answer 200. Everything slow happens later in the job, so Zoom's 3-second limit is never at
 * risk. Only a bad signature or a body that is not a Zoom event gets a 4xx (which Zoom does not
 * retry); a failure of ours gets a 5xx so that Zoom delivers again.
 */
export async function webhookRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  let lastStatusWrite = 0;

  // The JSON parser of this scope keeps the raw bytes; parsing waits until the signature holds.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: maxBodyBytes },
    (_req, body, done) => done(null, body),
  );

  let lastRejectionWrite = 0;

  // A body over the limit is refused by the parser above, before the handler runs.
  app.addHook('onError', async (_request, _reply, error) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      metrics.webhooksRejected.inc({ reason: 'too_large' });
    }
  });

  async function reject(request: FastifyRequest, reply: FastifyReply, reason: string) {
    const now = context.clock.now();

    metrics.webhooksRejected.inc({ reason });
    request.log.info({ reason, zoomTrackingId: trackingIdOf(request) }, 'webhook rejected');

    // Throttled: a flood of forged requests must not become a flood of database writes.
    if (now - lastRejectionWrite > statusWriteIntervalMs) {
      lastRejectionWrite = now;
      await setStatus(
        context.db,
        { 'webhook.last_rejected_at': String(now), 'webhook.last_rejected_reason': reason },
        now,
      );
    }

    return reply.code(401).send(errorBody('WEBHOOK_SIGNATURE_INVALID'));
  }

  // Browser security headers mean nothing to Zoom's delivery client; skipping them keeps this
  // hot path lean (bench/webhooks.bench.ts).
  app.post('/webhooks/zoom', { helmet: false }, async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = (name: string) => {
      const value = request.headers[name];

      return Array.isArray(value) ? value[0] : value;
    };
    const now = context.clock.now();
    const verdict = verifyZoomSignature({
      secret: context.webhookSecret,
      rawBody,
      timestamp: header('x-zm-request-timestamp'),
      signature: header('x-zm-signature'),
      nowMs: now,
      toleranceSeconds: context.config.WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS,
    });

    // The signature is checked before url_validation too: answering an unsigned challenge would
    // hand anyone an HMAC of a string they chose, which is a valid signature for a forged event.
    if (!verdict.ok) return reject(request, reply, verdict.reason);

    let body: unknown;

    try {
      body = parseExternalJson(rawBody.toString('utf8'));
    } catch {
      metrics.webhooksRejected.inc({ reason: 'malformed_json' });
      request.log.info({ zoomTrackingId: trackingIdOf(request) }, 'webhook body is not JSON');

      return reply.code(400).send(errorBody('INVALID_JSON'));
    }

    const plainToken = urlValidationToken(body);

    if (plainToken === null) {
      metrics.webhooksRejected.inc({ reason: 'malformed_challenge' });

      return reply
        .code(400)
        .send(errorBody('WEBHOOK_INVALID', 'url_validation without plainToken'));
    }

    if (plainToken !== undefined) {
      await setStatus(context.db, { 'webhook.last_url_validation_at': String(now) }, now);
      metrics.webhooksReceived.inc({ result: 'url_validation' });
      request.log.info('webhook endpoint validated by zoom');

      return reply
        .code(200)
        .type('application/json')
        .send(urlValidationAnswer(context.webhookSecret, plainToken));
    }

    const envelope = readEnvelope(body, webhookFamilies);

    if (!envelope.ok) {
      metrics.webhooksRejected.inc({ reason: 'not_a_zoom_event' });
      request.log.info(
        { problem: envelope.problem, zoomTrackingId: trackingIdOf(request) },
        'webhook body is not a zoom event',
      );

      return reply
        .code(400)
        .send(errorBody('WEBHOOK_INVALID', `Not a Zoom event: ${envelope.problem}`));
    }

    const trackingId = header('x-zm-trackingid') ?? null;
    const inboxId = await storeInboundEvent(
      context.db,
      envelope.entry,
      rawBody.toString('utf8'),
      trackingId,
      now,
    );

    await crashPoint('webhook.stored');

    const log = request.log.child({ zoomEvent: envelope.entry.event, zoomTrackingId: trackingId });

    metrics.webhooksReceived.inc({ result: inboxId ? 'stored' : 'duplicate' });

    if (inboxId) {
      context.jobs.wake();
      log.info({ inboxId }, 'webhook stored');
    } else {
      log.info('webhook redelivery ignored');
    }

    if (now - lastStatusWrite > statusWriteIntervalMs) {
      lastStatusWrite = now;
      await setStatus(context.db, { 'webhook.last_verified_event_at': String(now) }, now);
    }

    return reply.code(200).send({ received: true, duplicate: inboxId === null });
  });
}

/** Zoom's id for one delivery (x-zm-trackingid): support searches the logs by it. */
function trackingIdOf(request: FastifyRequest): string | undefined {
  const value = request.headers['x-zm-trackingid'];

  return (Array.isArray(value) ? value[0] : value)?.slice(0, 200);
}

/** The challenge's plainToken; undefined for other events, null for a challenge without one. */
function urlValidationToken(body: unknown): string | null | undefined {
  if (!body || typeof body !== 'object') return undefined;

  const { event, payload } = body as { event?: unknown; payload?: { plainToken?: unknown } };

  if (event !== 'endpoint.url_validation') return undefined;

  const token = payload?.plainToken;

  return typeof token === 'string' && token.length > 0 && token.length <= 512 ? token : null;
}
