import type { AppConfig } from './config/config.js';
import type { AppContext } from './app-context.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { demoEncryptionKey, startDemoZoom, type DemoZoom } from './demo/demo-zoom.js';
import { demoAgentEmail, seedDemoAgent } from './demo/demo-seed.js';
import { createZoomAccess } from './integrations/zoom/zoom-access.js';
import { addToAllowlist } from './integrations/zoom/pilot-allowlist.repo.js';
import {
  backfillPageJob,
  createBackfillPageJob,
} from './integrations/zoom/backfill/backfill-page.job.js';
import {
  createVoicemailBackfillJob,
  voicemailBackfillJob,
} from './integrations/zoom/backfill/voicemail-backfill.job.js';
import { registerMeetingJobs } from './integrations/zoom/meetings/meeting-jobs.js';
import {
  createDataComplianceJob,
  dataComplianceJob,
} from './integrations/zoom/deauthorization.family.js';
import { createRevokeRetryJob, revokeRetryJob } from './integrations/zoom/revoke-retry.job.js';
import { withReconnectHold } from './integrations/zoom/reconnect-hold.js';
import { heldJobSpecs } from './integrations/zoom/reconnect-hold.jobs.js';
import { webhookFamilies } from './integrations/zoom/webhook-families.js';
import { createRetentionJob, retentionJob, scheduleRetention } from './privacy/retention.job.js';
import { createWebhookProcessor } from './integrations/zoom/webhook-processor.js';
import {
  createVoicemailTranscribeJob,
  voicemailTranscribeJob,
} from './integrations/zoom/voicemail/voicemail-transcribe.job.js';
import { createJobQueue } from './jobs/create-job-queue.js';
import { systemClock, type Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import { createTokenCipher, parseEncryptionKey } from './lib/token-cipher.js';
import { createRealtime } from './realtime/realtime.js';
import { ConfigError } from './config/config.js';
import { processWebhookJob } from './webhooks/inbox.repo.js';
import type { ZoomHttpSettings } from './zoom/zoom-http.js';

export interface StartedApp {
  context: AppContext;
  database: DatabaseHandle;
  demo?: DemoZoom;
  migrationsApplied: string[];
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  /** Tests point the app at their own simulator instead of starting the demo one. */
  zoom?: ZoomHttpSettings;
  database?: DatabaseHandle;
}

/**
 * Wires the app together: database and migrations, Zoom settings (real or demo), token
 * cipher, job queue with its handlers. The HTTP server is built on top by the caller.
 */
export async function createApp(
  config: Readonly<AppConfig>,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<StartedApp> {
  const clock = overrides.clock ?? systemClock;
  const database =
    overrides.database ??
    openDatabase(config.database, undefined, (error) =>
      logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
    );
  const migrationsApplied = await migrateToLatest(database);
  const demo =
    config.demoMode && !overrides.zoom ? await startDemoZoom(config, config.PORT) : undefined;
  const zoom = overrides.zoom ?? demo?.zoom ?? realZoomSettings(config);
  const cipher = createTokenCipher(...encryptionKeys(config));
  const engine = await createJobQueue(config, database, logger.child({ component: 'jobs' }), clock);
  // Zoom jobs of a user whose grant is dead wait for the reconnect instead of failing.
  const jobs = withReconnectHold(engine, { db: database.db, clock, logger, specs: heldJobSpecs });
  const context: AppContext = {
    config,
    db: database.db,
    database,
    dialect: database.dialect,
    logger,
    clock,
    cipher,
    jobs,
    zoom,
    zoomAccess: createZoomAccess({ db: database.db, cipher, zoom, logger, clock }),
    realtime: createRealtime({ db: database.db, config, clock, logger }),
    webhookSecret: demo?.webhookSecret ?? config.ZOOM_WEBHOOK_SECRET_TOKEN ?? '',
    ...(demo && { simulatorUrl: demo.simulatorUrl }),
    whisper: whisperSettings(config, demo),
  };

  jobs.register(processWebhookJob, createWebhookProcessor(context, webhookFamilies));
  await registerMeetingJobs(context);
  jobs.register(backfillPageJob, createBackfillPageJob(context));
  jobs.register(voicemailBackfillJob, createVoicemailBackfillJob(context));
  jobs.register(voicemailTranscribeJob, createVoicemailTranscribeJob(context));
  jobs.register(dataComplianceJob, createDataComplianceJob(context));
  jobs.register(revokeRetryJob, createRevokeRetryJob(context));
  jobs.register(retentionJob, createRetentionJob(context));
  await scheduleRetention(context);

  for (const email of config.pilotAllowlist) {
    await addToAllowlist(database.db, email, 'PILOT_ALLOWLIST', clock.now());
  }

  if (config.demoMode) await seedDemoAgent(database.db, config, clock.now());

  return {
    context,
    database,
    ...(demo && { demo }),
    migrationsApplied,
    async close() {
      await jobs.stop();
      // After the jobs, which may still publish; before the pool the publisher notifies on.
      await context.realtime.close();
      await demo?.close();
      if (!overrides.database) await database.close();
    },
  };
}

function realZoomSettings(config: Readonly<AppConfig>): ZoomHttpSettings {
  return {
    oauthUrl: config.ZOOM_OAUTH_URL,
    apiUrl: config.ZOOM_API_URL,
    clientId: config.ZOOM_CLIENT_ID ?? '',
    clientSecret: config.ZOOM_CLIENT_SECRET ?? '',
    timeoutMs: config.ZOOM_HTTP_TIMEOUT_MS,
  };
}

// Demo mode transcribes against the simulator's OpenAI-compatible endpoint (issue 6).
function whisperSettings(config: Readonly<AppConfig>, demo: DemoZoom | undefined) {
  const apiKey = demo?.openai.apiKey ?? config.OPENAI_API_KEY;
  const baseURL = demo?.openai.baseURL ?? config.OPENAI_BASE_URL;

  return apiKey ? { apiKey, baseURL, timeoutMs: config.OPENAI_TIMEOUT_MS } : null;
}

function encryptionKeys(config: Readonly<AppConfig>): [Buffer, Buffer[]] {
  const value = config.TOKEN_ENCRYPTION_KEY ?? (config.demoMode ? demoEncryptionKey(config) : '');
  const parse = (variable: string, key: string) => {
    try {
      return parseEncryptionKey(key);
    } catch (error) {
      throw new ConfigError(variable, (error as Error).message);
    }
  };
  const previous = config.TOKEN_ENCRYPTION_KEY_PREVIOUS.split(',')
    .map((key) => key.trim())
    .filter(Boolean);

  return [
    parse('TOKEN_ENCRYPTION_KEY', value),
    previous.map((key) => parse('TOKEN_ENCRYPTION_KEY_PREVIOUS', key)),
  ];
}

export { demoAgentEmail };
