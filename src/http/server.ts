import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { adminRoutes } from '../admin/admin.routes.js';
import { activityRoutes } from '../crm/activities.routes.js';
import { callRoutes } from '../crm/calls.routes.js';
import { contactRoutes } from '../crm/contacts.routes.js';
import { sessionRoutes } from '../crm/session.routes.js';
import { demoRoutes } from '../demo/demo.routes.js';
import { privacyRoutes } from '../privacy/privacy.routes.js';
import { integrationRoutes } from '../integrations/zoom/integrations.routes.js';
import { liveCallRoutes } from '../integrations/zoom/live-calls/live-calls.routes.js';
import { activityMeetingSync } from '../integrations/zoom/meetings/activity-meeting.hooks.js';
import { meetingRoutes } from '../integrations/zoom/meetings/meeting.routes.js';
import { metricsRoutes } from '../metrics/metrics.route.js';
import { eventStreamRoutes } from '../realtime/events.route.js';
import { webhookRoutes } from '../webhooks/webhook.route.js';
import { voicemailRoutes } from '../integrations/zoom/voicemail/voicemails.routes.js';
import { recordingAudioRoutes } from '../integrations/zoom/recordings/recording-audio.route.js';
import { registerCsrfGuard, registerSessionLookup } from './auth.js';
import { registerErrorHandler } from './error-handler.js';
import { errorBody } from './errors.js';
import { registerDemoHostGuard } from './host-guard.js';
import { healthRoutes } from './health.routes.js';
import { openApiRoutes } from './openapi.js';

const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const apiPrefixes = ['/api/', '/oauth/', '/webhooks/', '/healthz', '/readyz', '/metrics'];

/** The HTTP side of the app: API, webhook endpoint, OAuth callback and the web app's files. */
export async function buildServer(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    trustProxy: (_address: string, hop: number) => hop < context.config.TRUSTED_PROXY_HOPS,
    bodyLimit: 256 * 1024,
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // helmet's default also allows fonts from any https: host; the app uses system fonts.
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Over plain http (the demo, a LAN test) upgrading would break every asset request.
        upgradeInsecureRequests: context.config.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    hsts: context.config.publicUrl.startsWith('https://'),
    // The OAuth consent page is on another origin and sends the browser back here.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  registerErrorHandler(app);
  registerDemoHostGuard(app, context);
  registerSessionLookup(app, context);
  registerCsrfGuard(app, context);

  await app.register(healthRoutes, context);
  await app.register(metricsRoutes, context);
  await app.register(openApiRoutes);
  await app.register(webhookRoutes, context);
  await app.register(sessionRoutes, context);
  await app.register(contactRoutes, context);
  await app.register(activityMeetingSync, context);
  await app.register(activityRoutes, context);
  await app.register(meetingRoutes, context);
  await app.register(callRoutes, context);
  await app.register(integrationRoutes, context);
  await app.register(adminRoutes, context);
  await app.register(demoRoutes, context);
  await app.register(privacyRoutes, context);
  await app.register(liveCallRoutes, context);
  await app.register(eventStreamRoutes, context);
  await app.register(voicemailRoutes, context);
  await app.register(recordingAudioRoutes, context);
  await registerWebApp(app);

  return app;
}

/** Serves the built React app, and its index.html for client-side routes. */
async function registerWebApp(app: FastifyInstance): Promise<void> {
  const built = existsSync(`${webDist}index.html`);

  if (built) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = apiPrefixes.some((prefix) => path.startsWith(prefix));

    if (request.method !== 'GET' || isApi) return reply.code(404).send(errorBody('NOT_FOUND'));

    if (!built) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built yet. Run `npm run build:web` (npm start does it).');
    }

    return reply.type('text/html').sendFile('index.html');
  });
}
