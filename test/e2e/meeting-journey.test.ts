import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoProcess, type DemoProcess } from '../support/demo-process.js';
import { watchPageProblems } from '../support/page-problems.js';

// Issue 3's journey in real headless Chromium, against the app started as `npm start` starts
// it (demo mode, its own simulator): a future activity gets a Zoom meeting, the host ends it
// in the simulator, and the transcript shows up on the activity.
const demoPassword = 'meeting-test-password';

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

/** The date two days from now as clocks in Vancouver show it. */
function dateInTwoDays(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Vancouver',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + 2 * 86_400_000));
}

describe('a Zoom meeting from an activity, and its transcript back on it', () => {
  it('creates the meeting for a future showing, ends it in the simulator, and shows the transcript', async () => {
    const page = await browser.newPage();
    const { problems, failedRequests } = watchPageProblems(page, baseUrl);

    await page.goto(`${baseUrl}/signin`);
    await page.getByLabel('Email').fill('agent@example.com');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Settings → Integrations → Connect Zoom Meetings, approved on the simulator's consent page.
    await page.getByRole('link', { name: /Settings/ }).click();
    await page.getByRole('button', { name: 'Connect Zoom Meetings' }).click();
    await page.waitForURL(`${simulatorUrl}/oauth/authorize**`);
    await page.getByLabel('Zoom email').fill('agent@example.com');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${baseUrl}/settings/integrations**`);
    await expect
      .poll(() => page.getByTestId('card-meetings').textContent())
      .toMatch(/agent@example\.com/);

    // A virtual showing two days ahead, 10:00 Vancouver time, with Jordan Sample.
    await page.getByRole('link', { name: 'Activities' }).click();
    await page.getByRole('button', { name: 'New activity' }).click();
    await page.getByLabel('Title').fill('Virtual showing: 12 Elm St');
    await page.getByLabel('Contact').selectOption({ label: 'Jordan Sample' });
    await page.getByLabel('Date', { exact: true }).fill(dateInTwoDays());
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByLabel('Time zone').selectOption('America/Vancouver');
    await page.getByRole('button', { name: 'Save activity' }).click();
    await expect
      .poll(() => page.getByTestId('activity-title').textContent())
      .toBe('Virtual showing: 12 Elm St');
    expect(await page.getByTestId('activity-when').textContent()).toMatch(
      /10:00\s?AM \(America\/Vancouver\)/,
    );

    await page.getByRole('button', { name: 'Create Zoom meeting' }).click();

    const joinLink = page.getByTestId('join-link');

    await expect
      .poll(() => joinLink.getAttribute('href'), { timeout: 10_000 })
      .toMatch(new RegExp(`^${simulatorUrl}/j/\\d+\\?pwd=`));

    // "Start as host" opens Zoom's (the simulator's) host page with a fresh link; the host ends
    // the meeting there, which sends the recording and transcript events.
    const hostPagePromise = page.waitForEvent('popup');

    await page.getByRole('button', { name: 'Start as host' }).click();

    const hostPage = await hostPagePromise;

    await hostPage.waitForURL(`${simulatorUrl}/s/**`);
    expect(await hostPage.getByTestId('sim-meeting-topic').textContent()).toBe(
      'Virtual showing: 12 Elm St · Jordan Sample',
    );
    await hostPage.getByRole('button', { name: 'End meeting, transcript now' }).click();
    await expect.poll(() => hostPage.locator('#result').textContent()).toMatch(/^202/);

    const turns = page.getByTestId('transcript-turn');

    await expect.poll(() => turns.count(), { timeout: 15_000 }).toBe(5);
    expect(await turns.nth(1).textContent()).toBe(
      'Jordan Sample: Happy to be here. Is the basement finished?',
    );
    expect(await page.getByTestId('transcript-status').textContent()).toBe('Transcript ready.');

    await page.getByLabel('Search the transcript').fill('basement');
    await expect.poll(() => turns.count()).toBe(1);
    expect(await page.getByRole('status').filter({ hasText: 'turns match' }).textContent()).toBe(
      '1 of 5 turns match.',
    );
    expect(await turns.first().locator('mark').textContent()).toBe('basement');

    await page
      .screenshot({ path: join(process.cwd(), 'test-results', 'activity-transcript.png') })
      .catch(() => undefined);
    expect(problems).toEqual([]);
    // The only refusal is the session check made before signing in.
    expect(failedRequests).toEqual(['401 /api/session']);
  }, 90_000);
});
