// What a test, or the app's demo mode, sets when it starts the simulator. Defaults mirror what
// shared/zoom/ documents for real Zoom, so code tested here meets the same limits in production.

/** Where the simulator's own Fastify log goes; `true` means stdout at level `info`. */
export interface SimulatorLogOptions {
  level?: string;
  stream?: { write(line: string): void };
}

export interface SimulatorOptions {
  clientId: string;
  clientSecret: string;
  webhookSecretToken: string;
  /** Where event notifications are POSTed; no URL means events are recorded as undeliverable. */
  webhookUrl?: string;
  /** Allowed redirect URIs, matched exactly (API.md §1.1); empty or absent accepts any. */
  redirectUris?: string[];
  accessTokenTtlSeconds?: number;
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
  /** The simulator's own base URL, for URLs it hands out (API base, meeting links, downloads). */
  publicUrl?: string;
  /** Pause between the events of one simulated call. */
  eventGapMs?: number;
  /** Scopes every grant receives; defaults to the set API.md §1.9 asks for. */
  scopes?: string[];
  /** The simulator's clock (ms since epoch); tests move it to expire codes, tokens and cursors. */
  now?: () => number;
  logger?: boolean | SimulatorLogOptions;
}

export type ResolvedOptions = Required<
  Omit<SimulatorOptions, 'webhookUrl' | 'publicUrl' | 'now' | 'logger'>
> &
  Pick<SimulatorOptions, 'webhookUrl' | 'publicUrl'>;

// WEBHOOKS.md §1.6: retries 5 min after the first attempt, then 20 min, then 60 min.
export const ZOOM_RETRY_DELAYS_MS = [300_000, 1_200_000, 3_600_000];

// WEBHOOKS.md §1.6: Zoom counts an answer slower than 3 s as a failed attempt.
export const ZOOM_WEBHOOK_TIMEOUT_MS = 3000;

// API.md §1.3: `expires_in` is 3599 in Zoom's token responses.
export const ZOOM_ACCESS_TOKEN_TTL_SECONDS = 3599;

// API.md §1.9, the user-level scopes the integration configures.
export const DEFAULT_SCOPES = [
  'user:read:user',
  'meeting:write:meeting',
  'meeting:read:meeting',
  'cloud_recording:read:list_user_recordings',
  'cloud_recording:read:list_recording_files',
  'phone:read:user',
  'phone:read:call',
  'phone:read:list_call_logs',
  'phone:read:list_recordings',
  'phone:read:call_recording',
  'phone:read:list_voicemails',
  'phone:read:voicemail',
  'phone:read:recording_transcript',
];

/** Fills in defaults and rejects values that would make the simulator misbehave silently. */
export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    webhookSecretToken: options.webhookSecretToken,
    webhookUrl: options.webhookUrl,
    redirectUris: options.redirectUris ?? [],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? ZOOM_ACCESS_TOKEN_TTL_SECONDS,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? ZOOM_RETRY_DELAYS_MS,
    webhookTimeoutMs: options.webhookTimeoutMs ?? ZOOM_WEBHOOK_TIMEOUT_MS,
    publicUrl: options.publicUrl,
    eventGapMs: options.eventGapMs ?? 0,
    scopes: options.scopes ?? DEFAULT_SCOPES,
  };

  checkOptions(resolved);

  return resolved;
}

function checkOptions(options: ResolvedOptions): void {
  for (const name of ['clientId', 'clientSecret', 'webhookSecretToken'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') {
      throw new TypeError(`simulator option ${name} must be a non-empty string`);
    }
  }

  const durations = {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    webhookTimeoutMs: options.webhookTimeoutMs,
    eventGapMs: options.eventGapMs,
  };

  for (const [name, value] of Object.entries(durations)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new TypeError(`simulator option ${name} must be a non-negative number`);
    }
  }

  if (options.webhookRetryDelaysMs.some((delay) => !Number.isFinite(delay) || delay < 0)) {
    throw new TypeError('simulator option webhookRetryDelaysMs must hold non-negative numbers');
  }
}
