import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigError, type AppConfig } from '../config/config.js';
import type { ZoomHttpSettings } from '../zoom/zoom-http.js';
import { demoAgentEmail, demoAgentZoomNumber, demoContactNumbers } from './demo-seed.js';

export interface DemoZoom {
  simulatorUrl: string;
  zoom: ZoomHttpSettings;
  webhookSecret: string;
  webhookSecretGenerated: boolean;
  /** The simulator's OpenAI-compatible transcription endpoint, with a dummy key. */
  openai: { apiKey: string; baseURL: string };
  close(): Promise<void>;
}

/**
 * Demo mode's stand-in for Zoom: starts the repo's simulator in this process, on its own port,
 * and points the app at it. Imported only when no Zoom credentials are configured, so
 * production code never loads the simulator.
 */
export async function startDemoZoom(
  config: Readonly<AppConfig>,
  appPort: number,
): Promise<DemoZoom> {
  const { createSimulator } = await import('../../simulator/simulator.js');
  const clientId = `demo-${randomBytes(6).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const webhookSecret = config.ZOOM_WEBHOOK_SECRET_TOKEN ?? randomBytes(24).toString('base64url');
  const simulator = await createSimulator({
    clientId,
    clientSecret,
    webhookSecretToken: webhookSecret,
    webhookUrl: `http://127.0.0.1:${appPort}/webhooks/zoom`,
    redirectUris: [config.redirectUri],
  });
  const simulatorUrl = await simulator
    .listen(config.ZOOM_SIMULATOR_PORT, '127.0.0.1')
    .catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') throw error;

      throw new ConfigError(
        'ZOOM_SIMULATOR_PORT',
        `${config.ZOOM_SIMULATOR_PORT} is already in use; choose another for the demo's Zoom simulator`,
      );
    });

  simulator.configure({ publicUrl: simulatorUrl });

  await fetch(`${simulatorUrl}/sim/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: demoAgentEmail,
      // Fixed ids: the app's stored connection still names this Zoom user after a restart, so
      // webhooks keep reaching the agent (the simulator itself forgets its grants).
      zoomUserId: 'DemoAveryAgentZoomUsr1',
      accountId: 'DemoAccount1ThingZoom1',
      firstName: 'Avery',
      lastName: 'Agent',
      phoneNumber: demoAgentZoomNumber,
      extensionNumber: 1042,
      phoneLicence: true,
      timezone: 'America/Vancouver',
    }),
  }).then((response) => {
    if (!response.ok) throw new Error(`Simulator refused the demo user: HTTP ${response.status}`);
  });

  // A past for the demo agent, so connecting Zoom Phone shows the call-history import, with
  // some calls from the seeded contacts' numbers among strangers'.
  const now = Date.now();

  await fetch(`${simulatorUrl}/sim/users/${demoAgentEmail}/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      count: 240,
      from: new Date(now - 85 * 86_400_000).toISOString(),
      to: new Date(now - 3_600_000).toISOString(),
      numbers: demoContactNumbers,
      seed: 2026,
    }),
  }).then((response) => {
    if (!response.ok) {
      throw new Error(`Simulator refused the demo history: HTTP ${response.status}`);
    }
  });

  return {
    simulatorUrl,
    zoom: {
      oauthUrl: simulatorUrl,
      apiUrl: `${simulatorUrl}/v2`,
      clientId,
      clientSecret,
      timeoutMs: config.ZOOM_HTTP_TIMEOUT_MS,
    },
    webhookSecret,
    webhookSecretGenerated: !config.ZOOM_WEBHOOK_SECRET_TOKEN,
    openai: { apiKey: 'demo-key-not-a-secret', baseURL: `${simulatorUrl}/v1` },
    close: () => simulator.close(),
  };
}

/**
 * Demo mode may run without TOKEN_ENCRYPTION_KEY: a key is made once and kept beside the
 * database, so tokens stored by one run still open in the next.
 */
export function demoEncryptionKey(config: Readonly<AppConfig>): string {
  const folder = config.database.kind === 'sqlite' ? dirname(config.database.path) : './data';
  const path = join(folder, 'demo-token-key');

  if (existsSync(path)) return readFileSync(path, 'utf8').trim();

  mkdirSync(folder, { recursive: true });
  const key = randomBytes(32).toString('hex');

  writeFileSync(path, `${key}\n`, { mode: 0o600 });

  return key;
}
