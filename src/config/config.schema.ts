import { z } from 'zod';

/**
 * Every setting the app reads, with its type and default. DESIGN.md §5 names the public ones;
 * the rest are operational knobs with units in their names. Secrets are marked so that the
 * start-up summary can say "set" without printing them.
 */
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(
      (value) => value.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(value),
      'must be sqlite:PATH or postgres://…',
    )
    .default('sqlite:./data/1thing.sqlite'),
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_WEBHOOK_SECRET_TOKEN: optionalText,
  ZOOM_OAUTH_URL: httpUrl.default('https://zoom.us'),
  ZOOM_API_URL: httpUrl.default('https://api.zoom.us/v2'),
  ZOOM_HTTP_TIMEOUT_MS: positiveInt.default(10_000),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl.optional(),
  /** One Whisper request, upload included; a voicemail is at most 25 MB. */
  OPENAI_TIMEOUT_MS: positiveInt.default(120_000),
  TOKEN_ENCRYPTION_KEY: optionalText,
  // Keys used before, comma separated: tokens they sealed still open, and are re-sealed with
  // TOKEN_ENCRYPTION_KEY the next time they are used.
  TOKEN_ENCRYPTION_KEY_PREVIOUS: z.string().default(''),
  WEBHOOK_INBOX_RETENTION_DAYS: positiveInt.default(7),
  PILOT_ALLOWLIST: z.string().default(''),
  DEFAULT_PHONE_REGION: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code such as CA or US')
    .transform((value) => value.toUpperCase())
    .default('CA'),
  BACKFILL_DAYS: z.coerce.number().int().min(1).max(180).default(90),
  BACKFILL_PAGE_SIZE: z.coerce.number().int().min(1).max(300).default(300),
  // Our share of Zoom's per-account limit (API.md §6.1: Phone MEDIUM is 10/s on Pro, shared
  // with the customer's other apps), as the most requests per second one account may get.
  ZOOM_ACCOUNT_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  ZOOM_SIMULATOR_PORT: port.default(3001),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-agent-2026'),
  WEBHOOK_TIMESTAMP_TOLERANCE_SECONDS: positiveInt.default(300),
  // Behind a load balancer, the number of proxy hops whose X-Forwarded-For we believe; 0 trusts
  // none, so a client cannot pick its own address (rate limits key on it).
  // Zoom marks its Data Compliance API deprecated (API.md §1.8); calling it is best effort.
  ZOOM_DATA_COMPLIANCE_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_TTL_HOURS: positiveInt.default(24 * 14),
  SIGNIN_ATTEMPTS_PER_MINUTE: positiveInt.default(10),
  JOB_CONCURRENCY: positiveInt.default(4),
  JOB_POLL_INTERVAL_MS: positiveInt.default(500),
  // A job whose worker stops renewing its claim for this long (the process died) runs again.
  JOB_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  // "End call" (DESIGN.md §6): Zoom publishes no call-command endpoint, so its path under
  // ZOOM_API_URL is ours to set; `{callId}` is Zoom's call id. Empty turns the button off.
  ZOOM_CALL_COMMAND_PATH: z
    .string()
    .trim()
    .refine(
      (value) => value === '' || (/^\/[\w\-./{}]+$/.test(value) && value.includes('{callId}')),
      'must be empty or a path such as /phone/users/me/calls/{callId}/command',
    )
    .default('/phone/users/me/calls/{callId}/command'),
  // GET /api/events: how long events stay replayable, and how often a stream checks the
  // database for events another process published. On SQLite that poll is the only path
  // between processes (ROLE=web beside ROLE=worker); on PostgreSQL LISTEN/NOTIFY wakes every
  // instance at once and the poll only catches a lost NOTIFY, so it may be slower (10000+).
  REALTIME_EVENT_RETENTION_HOURS: positiveInt.default(24),
  REALTIME_POLL_INTERVAL_MS: z.coerce.number().int().min(100).default(2000),
  // GET /metrics: scrapers send `Authorization: Bearer <METRICS_TOKEN>`; unset, only a direct
  // (not proxied) client on this machine may read it. docs/operations.md "Metrics".
  METRICS_TOKEN: z
    .string()
    .trim()
    .refine((value) => value === '' || value.length >= 16, 'must be at least 16 characters')
    .transform((value) => (value === '' ? undefined : value))
    .optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

/** Variables whose values must never be printed, not even in the start-up summary. */
export const secretVariables = new Set([
  'ZOOM_CLIENT_SECRET',
  'ZOOM_WEBHOOK_SECRET_TOKEN',
  'OPENAI_API_KEY',
  'TOKEN_ENCRYPTION_KEY',
  'TOKEN_ENCRYPTION_KEY_PREVIOUS',
  'DEMO_PASSWORD',
  'DATABASE_URL',
  'METRICS_TOKEN',
]);
