import type { AppConfig } from './config/config.js';
import type { DatabaseHandle, Db, DbDialect } from './db/database.js';
import type { ZoomAccess } from './integrations/zoom/zoom-access.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { TokenCipher } from './lib/token-cipher.js';
import type { Realtime } from './realtime/realtime.js';
import type { WhisperSettings } from './transcription/whisper.client.js';
import type { ZoomHttpSettings } from './zoom/zoom-http.js';

/** What every route and job needs, built once in app.ts and passed down explicitly. */
export interface AppContext {
  config: Readonly<AppConfig>;
  db: Db;
  database: DatabaseHandle;
  dialect: DbDialect;
  logger: Logger;
  clock: Clock;
  cipher: TokenCipher;
  jobs: JobQueue & { wake(): void };
  zoom: ZoomHttpSettings;
  zoomAccess: ZoomAccess;
  webhookSecret: string;
  /** Per-user events for GET /api/events (src/realtime/). */
  realtime: Realtime;
  /** Whisper settings for voicemail transcripts; null without OPENAI_API_KEY (issue 6). */
  whisper: WhisperSettings | null;
  /** Set in demo mode only: where the built-in Zoom simulator listens. */
  simulatorUrl?: string;
}
