import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { requireUser, type SessionUser } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { EventStream } from './event-hub.js';
import { latestSeq } from './realtime-events.repo.js';
import { formatEvent, parseLastEventId, retryField } from './sse-format.js';

// Enough for every tab an agent could have open (and the 500-client benchmark); more from one
// user is a leak or abuse, and each stream holds a socket.
const maxStreamsPerUser = 1000;
// A client that stops reading is dropped rather than buffered without bound.
const maxBufferedBytes = 1024 * 1024;
const reconnectDelayMs = 2000;

/**
 * GET /api/events: the signed-in user's server-sent events. A fresh stream starts with a
 * `snapshot` (the live state now, under the newest event id); a reconnect that sends
 * `Last-Event-ID` instead gets every event after that id, so nothing is lost or repeated
 * (`?lastEventId=` does the same for a client that cannot set headers).
 */
export async function eventStreamRoutes(app: FastifyInstance, context: AppContext) {
  const { hub, snapshotParts } = context.realtime;

  async function snapshot(user: SessionUser) {
    const parts: Record<string, unknown> = {};

    for (const [name, part] of snapshotParts) parts[name] = await part(user);

    return parts;
  }

  app.addHook('preClose', (done) => {
    hub.closeAll();
    done();
  });

  app.get('/api/events', async (request, reply) => {
    const user = requireUser(request);

    if (hub.streamCount(user.id) >= maxStreamsPerUser) {
      throw new AppError('RATE_LIMITED', 'Too many open event streams for this account.');
    }

    const query = request.query as { lastEventId?: string };
    const asked = parseLastEventId(request.headers['last-event-id'] ?? query.lastEventId);
    const latest = await latestSeq(context.db, user.id);
    // An id from before a database reset (larger than any we handed out) means start afresh.
    const resumeAfter = asked !== null && asked <= latest ? asked : null;
    const first =
      resumeAfter !== null
        ? ''
        : formatEvent({ id: latest, type: 'snapshot', data: JSON.stringify(await snapshot(user)) });

    reply.hijack();

    const response = reply.raw;

    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told otherwise.
      'x-accel-buffering': 'no',
    });
    response.write(retryField(reconnectDelayMs) + first);

    const stream: EventStream = {
      userId: user.id,
      sessionId: user.sessionId,
      cursor: resumeAfter ?? latest,
      write(chunk) {
        if (response.destroyed) return;

        if (response.writableLength > maxBufferedBytes) {
          request.log.info({ userId: user.id }, 'event stream dropped: client not reading');
          response.destroy();

          return;
        }

        response.write(chunk);
      },
      close: () => response.end(),
    };
    const detach = hub.attach(stream);

    response.on('close', detach);
    request.log.debug({ userId: user.id, resumed: resumeAfter !== null }, 'event stream opened');

    return reply;
  });
}
