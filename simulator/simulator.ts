// A stand-in for Zoom, as shared/zoom/ documents it, for tests and the app's demo mode:
// the OAuth host (consent, token, refresh with rotation, revoke), the REST endpoints the app
// calls under /v2, signed webhook delivery with Zoom's retry rules, and a control API under
// /sim/ to act out scenarios. All state is in memory.
//
// Only tests and the app's demo mode may import this; production code talks to real Zoom.
//
// Not simulated yet: meetings and cloud recordings and app_deauthorized. DESIGN.md §2 lists
// them; each needs its routes, state and contract test added the same way. Phone voicemails and
// recordings (downloads, events) and an OpenAI-compatible transcription endpoint are simulated.
import { fastify, type FastifyInstance } from 'fastify';

import { registerCallHistoryRoutes } from './api/call-history.routes.js';
import { bearerAuth } from './api/bearer-auth.js';
import { registerPhoneUsersRoutes } from './api/phone-users.routes.js';
import { registerUsersRoutes } from './api/users.routes.js';
import { registerPhoneMediaRoutes } from './api/phone-media.routes.js';
import { registerPhoneMediaControlRoutes } from './control/phone-media.routes.js';
import { registerRecordingDeletionRoutes } from './control/recording-deletion.routes.js';
import { registerTranscriptionRoutes } from './openai/transcriptions.routes.js';
import { registerCallCommandRoutes } from './api/call-command.routes.js';
import { registerConsoleRoutes } from './console/console.routes.js';
import { registerLiveCallsPage } from './console/live-calls.page.js';
import { registerHeldCallRoutes } from './control/held-calls.routes.js';
import type { SimulatorContext } from './context.js';
import { registerCallControlRoutes } from './control/calls.routes.js';
import { registerFaultControlRoutes } from './control/faults.routes.js';
import { registerLogControlRoutes } from './control/logs.routes.js';
import { registerTokenControlRoutes } from './control/tokens.routes.js';
import { registerTrafficControlRoutes } from './control/traffic.routes.js';
import { registerUninstallRoutes } from './control/uninstall.routes.js';
import { registerUserControlRoutes } from './control/users.routes.js';
import { registerWebhookControlRoutes } from './control/webhooks.routes.js';
import { acceptFormBodies } from './http/form-body.js';
import { loggerOptions } from './http/logger.js';
import { registerMeetingsSurface, registerMeetingsV2 } from './meetings/meetings.routes.js';
import { addZoomSurfaceHooks } from './http/zoom-surface.hooks.js';
import { registerAuthorizeRoutes } from './oauth/authorize.routes.js';
import { registerTokenRoutes } from './oauth/token.routes.js';
import { type ResolvedOptions, resolveOptions, type SimulatorOptions } from './options.js';
import { SimulatorState } from './state/simulator.state.js';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher.js';

export type { SimulatorLogOptions, SimulatorOptions } from './options.js';
export type { SimulatorState } from './state/simulator.state.js';

export interface Simulator {
  app: FastifyInstance;
  state: SimulatorState;
  /** Starts serving; resolves to the base URL, e.g. `http://127.0.0.1:3001`. */
  listen(port: number, host?: string): Promise<string>;
  /** Cancels pending webhook retries and in-flight deliveries, then stops the server. */
  close(): Promise<void>;
  /** Changes options at run time, e.g. the webhook URL once the app's port is known. */
  configure(partial: Partial<SimulatorOptions>): void;
}

export async function createSimulator(options: SimulatorOptions): Promise<Simulator> {
  let settings: ResolvedOptions = resolveOptions(options);
  const state = new SimulatorState(options.now);
  const dispatcher = new WebhookDispatcher({
    settings: () => settings,
    deliveries: state.deliveries,
    now: () => state.now(),
  });
  const ctx: SimulatorContext = { state, settings: () => settings, dispatcher };
  const app = fastify({ logger: loggerOptions(options.logger) });

  acceptFormBodies(app);
  addZoomSurfaceHooks(app, state);
  registerRoutes(app, ctx);
  await app.ready();

  let closing: Promise<void> | undefined;

  return {
    app,
    state,
    async listen(port, host = '127.0.0.1') {
      const url = await app.listen({ port, host });

      settings = { ...settings, publicUrl: settings.publicUrl ?? url };

      return url;
    },
    close() {
      closing ??= dispatcher.close().then(() => app.close());

      return closing;
    },
    configure(partial) {
      // The logger is fixed when the server is built; everything else can change.
      const { now, logger: _logger, ...rest } = partial;

      settings = resolveOptions({ ...settings, ...rest });

      if (now) {
        state.now = now;
      }
    },
  };
}

function registerRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  registerAuthorizeRoutes(app, ctx);
  registerTokenRoutes(app, ctx);

  void app.register(
    async (v2) => {
      v2.addHook('preHandler', bearerAuth(ctx));
      registerUsersRoutes(v2, ctx);
      registerPhoneUsersRoutes(v2, ctx);
      registerCallCommandRoutes(v2, ctx);
      registerCallHistoryRoutes(v2, ctx);
      registerMeetingsV2(v2, ctx);
      registerPhoneMediaRoutes(v2, ctx);
    },
    { prefix: '/v2' },
  );

  registerUserControlRoutes(app, ctx);
  registerCallControlRoutes(app, ctx);
  registerWebhookControlRoutes(app, ctx);
  registerLogControlRoutes(app, ctx);
  registerFaultControlRoutes(app, ctx);
  registerTokenControlRoutes(app, ctx);
  registerTrafficControlRoutes(app, ctx);
  registerUninstallRoutes(app, ctx);
  registerConsoleRoutes(app, ctx);
  registerHeldCallRoutes(app, ctx);
  registerLiveCallsPage(app, ctx);
  registerMeetingsSurface(app, ctx);
  registerPhoneMediaControlRoutes(app, ctx);
  registerRecordingDeletionRoutes(app, ctx);
  registerTranscriptionRoutes(app, ctx);
}
