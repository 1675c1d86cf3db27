import { existsSync, readFileSync } from 'node:fs';
import { configSchema, type RawConfig } from './config.schema.js';

/** The validated, frozen settings the whole app runs on. Built once, at start-up. */
export interface AppConfig extends RawConfig {
  /** No Zoom credentials were given: run against the built-in simulator with seeded data. */
  demoMode: boolean;
  publicUrl: string;
  redirectUri: string;
  pilotAllowlist: string[];
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads `.env` lines (KEY=VALUE, # comments) without overriding variables already set, so the
 * real environment always wins over the file.
 */
export function readDotEnv(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {};

  const values: Record<string, string> = {};

  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);

    if (!match || line.trimStart().startsWith('#')) continue;

    const [, key, value] = match as unknown as [string, string, string];

    values[key] = value.replace(/^(['"])(.*)\1$/, '$2');
  }

  return values;
}

/** Validates the environment; the first bad variable stops start-up with its name. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<AppConfig> {
  const parsed = configSchema.safeParse(env);

  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');

    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }

  const raw = parsed.data;
  const zoomCredentials = [raw.ZOOM_CLIENT_ID, raw.ZOOM_CLIENT_SECRET].filter(Boolean).length;

  if (zoomCredentials === 1) {
    const missing = raw.ZOOM_CLIENT_ID ? 'ZOOM_CLIENT_SECRET' : 'ZOOM_CLIENT_ID';

    throw new ConfigError(missing, 'is required when the other Zoom credential is set');
  }

  const demoMode = zoomCredentials === 0;

  if (!demoMode) requireForRealZoom(raw);
  else refuseUnsafeDemo(raw, env);

  const publicUrl = raw.PUBLIC_URL ?? `http://${displayHost(raw.HOST)}:${raw.PORT}`;

  return Object.freeze({
    ...raw,
    demoMode,
    publicUrl,
    redirectUri: `${publicUrl}/oauth/zoom/callback`,
    pilotAllowlist: parseAllowlist(raw.PILOT_ALLOWLIST),
    database: parseDatabaseUrl(raw.DATABASE_URL),
  });
}

function requireForRealZoom(raw: RawConfig): void {
  if (!raw.ZOOM_WEBHOOK_SECRET_TOKEN) {
    throw new ConfigError('ZOOM_WEBHOOK_SECRET_TOKEN', 'is required when Zoom credentials are set');
  }

  if (!raw.TOKEN_ENCRYPTION_KEY) {
    throw new ConfigError('TOKEN_ENCRYPTION_KEY', 'is required when Zoom credentials are set');
  }

  if (!raw.PUBLIC_URL) {
    throw new ConfigError('PUBLIC_URL', 'is required when Zoom credentials are set');
  }
}

/** The demo's admin password is public: keep the demo on this machine unless one is set. */
function refuseUnsafeDemo(raw: RawConfig, env: Record<string, string | undefined>): void {
  if (raw.NODE_ENV === 'production') {
    throw new ConfigError(
      'ZOOM_CLIENT_ID',
      'is required in production (demo mode is for trying 1Thing)',
    );
  }

  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(raw.HOST);

  if (!loopback && !env.DEMO_PASSWORD) {
    throw new ConfigError('DEMO_PASSWORD', `must be set when the demo listens on ${raw.HOST}`);
  }
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

function parseAllowlist(list: string): string[] {
  return list
    .split(/[\s,;]+/)
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

function parseDatabaseUrl(url: string): AppConfig['database'] {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);

    if (!path) throw new ConfigError('DATABASE_URL', 'needs a file path after sqlite:');

    return { kind: 'sqlite', path };
  }

  return { kind: 'postgres', url };
}
