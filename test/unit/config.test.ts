import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const realZoom = {
  ZOOM_CLIENT_ID: 'id',
  ZOOM_CLIENT_SECRET: 'secret',
  ZOOM_WEBHOOK_SECRET_TOKEN: 'whsec',
  TOKEN_ENCRYPTION_KEY: 'b'.repeat(64),
  PUBLIC_URL: 'https://crm.example.com/',
};

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return error instanceof ConfigError ? error.variable : 'not a ConfigError';
  }

  return 'no error';
};

describe('configuration', () => {
  it('runs in demo mode with nothing set, on a SQLite file under ./data', () => {
    const config = loadConfig({});

    expect(config.demoMode).toBe(true);
    expect(config.database).toEqual({ kind: 'sqlite', path: './data/1thing.sqlite' });
    expect(config.redirectUri).toBe('http://127.0.0.1:3000/oauth/zoom/callback');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses real Zoom by default once credentials are given', () => {
    const config = loadConfig(realZoom);

    expect(config.demoMode).toBe(false);
    expect(config.ZOOM_OAUTH_URL).toBe('https://zoom.us');
    expect(config.ZOOM_API_URL).toBe('https://api.zoom.us/v2');
    expect(config.redirectUri).toBe('https://crm.example.com/oauth/zoom/callback');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEFAULT_PHONE_REGION: 'Canada' }, 'DEFAULT_PHONE_REGION'],
    [{ BACKFILL_DAYS: '400' }, 'BACKFILL_DAYS'],
    [{ ZOOM_CLIENT_ID: 'only-the-id' }, 'ZOOM_CLIENT_SECRET'],
    [{ ...realZoom, ZOOM_WEBHOOK_SECRET_TOKEN: '' }, 'ZOOM_WEBHOOK_SECRET_TOKEN'],
    [{ ...realZoom, TOKEN_ENCRYPTION_KEY: '' }, 'TOKEN_ENCRYPTION_KEY'],
    [{ ...realZoom, ZOOM_API_URL: 'ftp://zoom' }, 'ZOOM_API_URL'],
    [{ DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
  ])('a bad value stops start-up naming the variable: %o', (env, variable) => {
    expect(failure(env)).toBe(variable);
  });
});
