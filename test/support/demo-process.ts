import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, waitFor } from './test-app.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DemoProcess {
  baseUrl: string;
  simulatorUrl: string;
  dataDir: string;
  password: string;
  output(): string;
  browser: Browser;
  close(): Promise<void>;
}

/** The app as `npm start` runs it (demo mode, its own simulator), and Debian's Chromium. */
export async function startDemoProcess(options: { password?: string } = {}): Promise<DemoProcess> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install chromium`);
  }

  const [port, simulatorPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), '1thing-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const password = options.password ?? 'browser-test-password';
  let output = '';
  const app: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ZOOM_SIMULATOR_PORT: String(simulatorPort),
      DATABASE_URL: `sqlite:${join(dataDir, 'e2e.sqlite')}`,
      DEMO_PASSWORD: password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  app.stdout?.on('data', (chunk) => (output += chunk));
  app.stderr?.on('data', (chunk) => (output += chunk));

  await waitFor(
    async () => (await fetch(`${baseUrl}/readyz`).catch(() => undefined))?.ok,
    30_000,
  ).catch((error) => {
    throw new Error(`app did not start:\n${output}`, { cause: error });
  });

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The test presses play from script; a person's click is what allows it in real use.
      '--autoplay-policy=no-user-gesture-required',
    ],
  });

  return {
    baseUrl,
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
    dataDir,
    password,
    output: () => output,
    browser,
    async close() {
      await browser.close();
      app.kill('SIGTERM');
      await new Promise((resolve) => app.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs the demo agent in and connects Zoom Phone on the simulator's consent page. */
export async function signInAndConnectPhone(demo: DemoProcess, page: Page): Promise<void> {
  await page.goto(`${demo.baseUrl}/signin`);
  await page.getByLabel('Email').fill('agent@example.com');
  await page.getByLabel('Password').fill(demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /Settings/ }).click();
  await page.getByRole('button', { name: 'Connect Zoom Phone' }).click();
  await page.waitForURL(`${demo.simulatorUrl}/oauth/authorize**`);
  await page.getByLabel('Zoom email').fill('agent@example.com');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(`${demo.baseUrl}/settings/integrations**`);
}

/** Acts out a call through the simulator's control API, as its console page would. */
export async function simulateCall(demo: DemoProcess, call: Record<string, unknown>) {
  const response = await fetch(`${demo.simulatorUrl}/sim/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userEmail: 'agent@example.com', direction: 'inbound', ...call }),
  });

  if (response.status !== 202) throw new Error(`sim call: ${response.status}`);

  return (await response.json()) as { callId: string };
}
