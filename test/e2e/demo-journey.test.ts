import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { watchPageProblems } from '../support/page-problems.js';

// The README's journey, in real headless Chromium against the app started as `npm start`
// starts it: demo mode, its own simulator, a SQLite file. Chromium is Debian's package.
const demoPassword = 'browser-test-password';

let demo: DemoProcess;
let browser: Browser;
let baseUrl: string;
let simulatorUrl: string;

beforeAll(async () => {
  demo = await startDemoProcess({ password: demoPassword });
  ({ browser, baseUrl, simulatorUrl } = demo);
}, 60_000);

afterAll(async () => {
  await demo?.close();
});

describe('the demo, as a new user walks through it', () => {
  it('prints one start-up block saying demo mode, the URL and the demo sign-in', () => {
    expect(demo.output()).toContain('DEMO');
    expect(demo.output()).toContain(baseUrl);
    expect(demo.output()).toContain(`agent@example.com / ${demoPassword}`);
  });

  it('signs in, connects Zoom Phone on the consent page, and sees a simulated call on the contact', async () => {
    const page = await browser.newPage();
    const { problems, failedRequests } = watchPageProblems(page);

    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel('Email').fill('agent@example.com');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: /Settings/ }).click();

    const phoneCard = page.getByTestId('card-phone');

    await expect.poll(() => phoneCard.textContent()).toMatch(/Not connected/i);
    await page.getByRole('button', { name: 'Connect Zoom Phone' }).click();

    // Zoom's consent page (the simulator's): the agent types their Zoom email and approves.
    await page.waitForURL(`${simulatorUrl}/oauth/authorize**`);
    await page.getByLabel('Zoom email').fill('agent@example.com');
    await page.getByRole('button', { name: 'Approve' }).click();

    await page.waitForURL(`${baseUrl}/settings/integrations**`);
    await expect.poll(() => phoneCard.textContent()).toMatch(/agent@example\.com/);
    await page.screenshot({ path: join(demo.dataDir, 'integrations.png') });

    // Jordan Sample (+1 604 555 0147) calls the agent; the simulator plays Zoom.
    const simulator = await browser.newPage();

    await simulator.goto(simulatorUrl);
    await simulator.getByLabel('Agent').selectOption('agent@example.com');
    await simulator.getByLabel('Direction').selectOption('inbound');
    await simulator.getByLabel(/Other party's number/).fill('6045550147');
    await simulator.getByLabel('Outcome').selectOption('answered');
    await simulator.getByLabel(/Talk time/).fill('125');
    await simulator.getByRole('button', { name: 'Place call' }).click();
    await expect.poll(() => simulator.locator('#result').textContent()).toMatch(/callId/);

    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('link', { name: 'Jordan Sample' }).click();
    await expect.poll(() => page.getByTestId('contact-name').textContent()).toBe('Jordan Sample');

    const row = page.getByTestId('call-row').first();

    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/Answered/);
    expect(await row.textContent()).toMatch(/Inbound/);
    expect(await row.textContent()).toMatch(/2:05/);
    await page
      .screenshot({ path: join(process.cwd(), 'test-results', 'contact-call.png') })
      .catch(() => undefined);
    expect(problems).toEqual([]);
    // The only refusal is the session check made before signing in.
    expect(failedRequests).toEqual(['401 /api/session']);
  }, 60_000);
});
