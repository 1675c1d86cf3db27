import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { waitFor } from '../support/test-app.js';

// Issue 4's journeys in real headless Chromium against the app as `npm start` runs it (demo
// mode, its own simulator): the screen-pop while the simulated phone rings, and an outbound
// call from a Call button whose banner's End call ends the simulated call.
const demoPassword = 'browser-test-password';
const jordan = '+16045550147';

let demo: DemoProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
let simulatorUrl: string;
let missedCallId = '';
const problems: string[] = [];
const screenshot = (name: string) => join(process.cwd(), 'test-results', name);
const dialled = () => page.evaluate(() => (window as unknown as { dialled: string[] }).dialled);

async function loggedCalls(zoomCallId: string) {
  const calls = await page.evaluate(async () => {
    const response = await fetch('/api/calls?limit=200');

    return ((await response.json()) as { calls: { zoomCallId: string; result: string }[] }).calls;
  });

  return calls.filter((call) => call.zoomCallId === zoomCallId);
}

async function simPost(path: string, body: unknown = {}) {
  const response = await fetch(`${simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  expect(response.status, await response.clone().text()).toBe(202);

  return (await response.json()) as { callId: string };
}

async function openCalls() {
  const { calls } = await (await fetch(`${simulatorUrl}/sim/calls/held`)).json();

  return calls as { callId: string; direction: string; state: string; externalNumber: string }[];
}

function watch(target: Page) {
  target.on('pageerror', (error) => problems.push(error.message));
  target.on('response', (response) => {
    const path = new URL(response.url()).pathname;

    // The only expected refusal is the session check made before signing in.
    if (response.status() >= 400 && path !== '/api/session') {
      problems.push(`${response.status()} ${path}`);
    }
  });
  target.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(message.text());
    }
  });
}

beforeAll(async () => {
  demo = await startDemoProcess({ password: demoPassword });
  ({ browser, baseUrl, simulatorUrl } = demo);
  context = await browser.newContext();
  // Stands in for the operating system handing `zoomphonecall:` to the Zoom app, which a test
  // browser does not have: the link's target is recorded and the navigation dropped (headless
  // Chromium would otherwise hold the page behind an external-protocol prompt).
  await context.addInitScript(() => {
    const dialled: string[] = [];

    Object.assign(window, { dialled });
    // Last in line (window, bubbling): a click the page itself stopped is not a dial.
    window.addEventListener('click', (event) => {
      const link =
        event.target instanceof Element
          ? event.target.closest<HTMLAnchorElement>('a[href^="zoomphonecall:"]')
          : null;

      if (!link || event.defaultPrevented) return;

      dialled.push(link.href);
      event.preventDefault();
    });
  });
  page = await context.newPage();
  watch(page);

  // Sign in and connect Zoom Phone on the simulator's consent page, as the README says.
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('Email').fill('agent@example.com');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: /Settings/ }).click();
  await page.getByRole('button', { name: 'Connect Zoom Phone' }).click();
  await page.waitForURL(`${simulatorUrl}/oauth/authorize**`);
  await page.getByLabel('Zoom email').fill('agent@example.com');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.waitForURL(`${baseUrl}/settings/integrations**`);
  await waitFor(async () =>
    /agent@example\.com/.test((await page.getByTestId('card-phone').textContent()) ?? ''),
  );
}, 90_000);

afterAll(async () => {
  await demo?.close();
});

describe('live Zoom Phone calls in the browser', () => {
  it('pops up "Jordan Sample is calling" while the simulated phone rings, linking to the contact', async () => {
    await page.getByRole('link', { name: 'Calls' }).click();

    const { callId } = await simPost('/sim/calls/held', {
      userEmail: 'agent@example.com',
      direction: 'inbound',
      externalNumber: jordan,
    });

    missedCallId = callId;

    const pop = page.getByTestId('screen-pop');

    await expect
      .poll(() => pop.textContent(), { timeout: 10_000 })
      .toMatch(/Jordan Sample is calling/);
    expect((await openCalls()).map((call) => [call.callId, call.state])).toEqual([
      [callId, 'ringing'],
    ]);

    await pop.getByRole('link', { name: 'Open contact' }).click();
    await expect.poll(() => page.getByTestId('contact-name').textContent()).toBe('Jordan Sample');
    // Still ringing: the pop stays on the contact's page too.
    expect(await pop.isVisible()).toBe(true);
    await page.screenshot({ path: screenshot('live-screen-pop.png') }).catch(() => undefined);

    await simPost(`/sim/calls/${callId}/hangup`);
    await expect.poll(() => pop.count(), { timeout: 10_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('call-backs').textContent(), { timeout: 10_000 })
      .toMatch(/Jordan Sample/);
    expect(problems).toEqual([]);
  }, 60_000);

  it('a Call button opens zoomphonecall:, the banner shows the call, and End call ends it', async () => {
    const details = page.getByRole('region', { name: 'Contact details' });
    const callButton = details.getByTestId('call-button');

    expect(await callButton.getAttribute('href')).toBe(`zoomphonecall://${jordan}`);

    // The first call from this device explains that the Zoom app must be installed.
    await callButton.click();

    const explainer = page.getByRole('dialog', { name: /Zoom app/ });

    await expect.poll(() => explainer.textContent()).toMatch(/Zoom desktop or mobile app/);
    expect(await dialled()).toEqual([]);

    const callNow = explainer.getByRole('link', { name: /Call Jordan Sample/ });

    expect(await callNow.getAttribute('href')).toBe(`zoomphonecall://${jordan}`);
    await callNow.click();
    expect(await dialled()).toEqual([`zoomphonecall://${jordan}`]);

    // Demo mode: the simulator stands in for the Zoom app and places the call.
    const banner = page.getByTestId('call-banner');

    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toMatch(/On a call with Jordan Sample/);
    expect(await banner.getAttribute('data-phase')).toBe('connected');
    await page.screenshot({ path: screenshot('live-call-banner.png') }).catch(() => undefined);
    expect(await page.getByTestId('call-backs').count()).toBe(0);

    const [held] = await openCalls();

    expect(held).toMatchObject({
      direction: 'outbound',
      state: 'connected',
      externalNumber: jordan,
    });

    // A second tab shows the same call; a reload keeps it (state from the server).
    const second = await context.newPage();

    watch(second);
    await second.goto(`${baseUrl}/calls`);
    await expect
      .poll(() => second.getByTestId('call-banner').textContent(), { timeout: 10_000 })
      .toMatch(/Jordan Sample/);
    await page.reload();
    await expect
      .poll(() => banner.textContent(), { timeout: 10_000 })
      .toMatch(/On a call with Jordan Sample/);

    // The explanation is remembered on this device, so it is shown before the first call only.
    expect(await page.evaluate(() => localStorage.getItem('1thing.zoom-call-explained'))).toBe('1');
    await banner.getByRole('button', { name: 'End call' }).click();

    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/ended: Answered/);
    await expect
      .poll(() => second.getByTestId('call-banner').textContent(), { timeout: 10_000 })
      .toMatch(/ended/);
    expect(await openCalls()).toEqual([]);

    // Each call is logged exactly once, and the contact's history shows the new one among
    // its newest rows (the missed call may share its start second, so either comes first).
    await expect
      .poll(async () => (await loggedCalls(held?.callId ?? '')).map((call) => call.result), {
        timeout: 10_000,
      })
      .toEqual(['answered']);
    expect(await loggedCalls(missedCallId)).toMatchObject([{ result: 'missed' }]);

    const newest = page.getByTestId('call-row');

    await expect
      .poll(async () => [await newest.nth(0).textContent(), await newest.nth(1).textContent()], {
        timeout: 10_000,
      })
      .toEqual([
        expect.stringMatching(/(Outbound.*Answered|Inbound.*Missed)/),
        expect.stringMatching(/(Outbound.*Answered|Inbound.*Missed)/),
      ]);
    expect(problems).toEqual([]);
  }, 90_000);
});
