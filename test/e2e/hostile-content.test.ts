import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  signInAndConnectPhone,
  simulateCall,
  startDemoProcess,
  type DemoProcess,
} from '../support/demo-process.js';
import { inspectPage } from '../support/page-inspection.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { waitFor } from '../support/test-app.js';

// Issue 9, part 5, in real headless Chromium against the demo app: names, caller ids (CNAM),
// transcripts and meeting topics carrying HTML and script payloads, bidi overrides, invisible
// characters and very long strings. Every one must show as the text it is, run nothing, and
// leave the page no wider than the window.

/** Each payload calls `__pwned` (a function of the test) if it ever runs as code. */
const payloads = {
  script: `<script>window.__pwned('script')</script>`,
  img: `<img src=x onerror="window.__pwned('img')">`,
  svg: `"><svg onload=window.__pwned('svg')>`,
  jsUrl: `javascript:window.__pwned('js-url')`,
  alert: `<img src=x onerror=alert(1)>`,
  // Left open on purpose: an override nobody closes runs on into the text after it.
  rtl: `\u202Eexe.evil name`,
  zeroWidth: `Zero\u200Bwidth\u200D\u2060\uFEFFname`,
};
const hostile = Object.values(payloads);
// Where payloads share one value (a transcript), the open override goes last: within one
// person's own text it may reverse the rest of that text, and that is theirs to do.
const rtlLast = (...tail: string[]) => [
  ...hostile.filter((text) => text !== payloads.rtl),
  ...tail,
  payloads.rtl,
];
/** The transcript reader folds runs of white space (U+FEFF counts as one) into one space. */
const asTranscript = (text: string) => text.replace(/\s+/g, ' ').trim();
// Each field's own maximum, in one unbroken word, so nothing can wrap it for free.
const longName = 'W'.repeat(200);
const longCaller = 'N'.repeat(100);
const longText = 'L'.repeat(10_000);

let demo: DemoProcess;
let page: Page;
const ran: string[] = [];
const dialogs: string[] = [];
const contactIds: string[] = [];
let activityId = '';

/** A same-origin request from the signed-in page, as the app's own code makes them. */
async function api(method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

      return { status: response.status, json: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function sim(path: string, body: unknown) {
  const response = await fetch(`${demo.simulatorUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);

  return response.json().catch(() => undefined);
}

/** WebVTT escapes `<`, `>` and `&` in cue text (W3C WebVTT §4.2.2); the parser undoes it. */
const vttEscape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function hostileVtt(): string {
  const lines = rtlLast(longText);
  const cues = lines.map((text, index) => {
    const start = `00:00:${String(index * 2 + 1).padStart(2, '0')}.000`;
    const end = `00:00:${String(index * 2 + 2).padStart(2, '0')}.000`;

    return `${index + 1}\n${start} --> ${end}\nJordan Sample: ${vttEscape(text)}\n`;
  });

  return `WEBVTT\n\n${cues.join('\n')}`;
}

async function seed() {
  const names = [...hostile, longName];

  for (const [index, name] of names.entries()) {
    const number = `+1604555${String(201 + index).padStart(4, '0')}`;
    const created = await api('POST', '/api/contacts', { name, phones: [{ number }] });

    if (created.status !== 201) throw new Error(`contact: ${created.status}`);

    contactIds.push(created.json.contact.id);
    // A call from each contact's number, so their names show on call rows too.
    await simulateCall(demo, { externalNumber: number, outcome: 'answered' });
  }

  // Caller ids (CNAM) from numbers nobody has.
  for (const [index, name] of [...hostile, longCaller].entries()) {
    const number = `+1604555${String(301 + index).padStart(4, '0')}`;

    await simulateCall(demo, { externalNumber: number, externalName: name, outcome: 'missed' });
  }

  // A voicemail whose audio our transcriber cannot read, so Zoom's own transcript shows.
  await sim('/sim/voicemails', {
    userEmail: 'agent@example.com',
    callerNumber: '16045550201',
    callerName: payloads.svg,
    zoomTranscript: rtlLast('V'.repeat(9_000)).join(' '),
    audio: { base64: Buffer.from('not audio at all').toString('base64') },
  });

  // A meeting whose topic and transcript are hostile.
  const connect = await api('POST', '/api/integrations/zoom/meetings/connect', {});
  const consent = new URL(connect.json.url);

  consent.searchParams.set('sim_login', 'agent@example.com');
  consent.searchParams.set('sim_approve', '1');
  await page.goto(consent.toString());
  await page.waitForURL(`${demo.baseUrl}/settings/integrations**`);

  const activity = await api('POST', '/api/activities', {
    kind: 'showing',
    title: payloads.img,
    notes: longText,
    startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    timeZone: 'America/Vancouver',
    durationMinutes: 45,
  });

  if (activity.status !== 201) throw new Error(`activity: ${JSON.stringify(activity.json)}`);

  activityId = activity.json.activity.id;

  const meeting = await api('POST', `/api/activities/${activityId}/zoom-meeting`, {});

  if (meeting.status !== 201) throw new Error(`meeting: ${JSON.stringify(meeting.json)}`);

  await sim(`/sim/meetings/${meeting.json.meeting.zoomMeetingId}/end`, {
    transcript: 'now',
    vtt: hostileVtt(),
  });
}

beforeAll(async () => {
  demo = await startDemoProcess();
  page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.exposeFunction('__pwned', (what: string) => ran.push(what));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAndConnectPhone(demo, page);
  await seed();
}, 120_000);
afterAll(async () => demo?.close());

const inspect = () => inspectPage(page, payloads.rtl);

async function open(path: string, ready: string) {
  await page.goto(`${demo.baseUrl}${path}`);
  await page.getByText(ready, { exact: false }).first().waitFor({ timeout: 20_000 });
}

const pages: { path: () => string; ready: string; shows: () => string[] }[] = [
  { path: () => '/contacts', ready: 'Jordan Sample', shows: () => [...hostile, longName] },
  {
    path: () => `/contacts/${contactIds[0]}`,
    ready: payloads.script,
    shows: () => [payloads.script],
  },
  {
    // The voicemail came from the first contact's number.
    path: () => `/contacts/${contactIds[0]}`,
    ready: 'VVVV',
    shows: () => [payloads.svg, ...hostile],
  },
  {
    path: () => `/contacts/${contactIds[hostile.length]}`,
    ready: longName,
    shows: () => [longName],
  },
  { path: () => '/calls', ready: longCaller, shows: () => [...hostile, longCaller] },
  { path: () => '/activities', ready: payloads.img, shows: () => [payloads.img] },
  {
    // The transcript comes a few seconds after the meeting ends.
    path: () => `/activities/${activityId}`,
    ready: asTranscript(payloads.zeroWidth),
    shows: () => [payloads.img, ...hostile.map(asTranscript), longText],
  },
];

describe('hostile content in the browser', () => {
  it('shows every payload as text on every page, runs none of it, and keeps the page width', async () => {
    const wrong: string[] = [];

    for (const view of pages) {
      const path = view.path();

      await open(path, view.ready).catch(async (error: unknown) => {
        const shown = (await inspect()).text.slice(0, 2000);

        throw new Error(`${path} never showed “${view.ready.slice(0, 40)}”; it shows: ${shown}`, {
          cause: error,
        });
      });

      const seen = await inspect();
      const missing = view.shows().filter((text) => !seen.text.includes(text));

      if (missing.length > 0) wrong.push(`${path}: not shown literally: ${missing.join(' | ')}`);
      if (seen.injected > 0) wrong.push(`${path}: ${seen.injected} elements made from a payload`);
      if (seen.unisolated.length > 0) {
        wrong.push(`${path}: bidi text not isolated: ${seen.unisolated.join(' | ')}`);
      }
      if (seen.inlineScripts > 0) wrong.push(`${path}: ${seen.inlineScripts} inline scripts`);
      if (seen.scrollWidth > seen.innerWidth) {
        wrong.push(`${path}: ${seen.scrollWidth}px wide in a ${seen.innerWidth}px window`);
      }
    }

    expect(wrong).toEqual([]);
    expect(ran).toEqual([]);
    expect(dialogs).toEqual([]);
    recordReliabilityFigure({
      area: 'Hostile content',
      fault: 'HTML/script payloads, bidi and zero-width marks, long strings on 7 pages in Chromium',
      tried: pages.reduce((sum, view) => sum + view.shows().length, 0),
      wrong: wrong.length + ran.length + dialogs.length,
      wrongMeans: 'ran, not shown as text, or widened the page',
    });
  });

  it('a screen-pop for a hostile contact name shows it as text and runs nothing', async () => {
    await page.goto(`${demo.baseUrl}/contacts`);

    // The contacts were numbered in the order of `hostile`.
    for (const name of [payloads.img, payloads.rtl]) {
      const number = `+1604555${String(201 + hostile.indexOf(name)).padStart(4, '0')}`;
      const held = await sim('/sim/calls/held', {
        userEmail: 'agent@example.com',
        direction: 'inbound',
        externalNumber: number,
        state: 'ringing',
      });
      const pop = page.getByTestId('screen-pop');

      await pop.waitFor({ timeout: 20_000 });
      expect(await pop.textContent()).toContain(name);

      const seen = await inspect();

      expect(seen.injected).toBe(0);
      expect(seen.unisolated).toEqual([]);
      await sim(`/sim/calls/${held.callId}/hangup`, {});
      await pop.waitFor({ state: 'detached', timeout: 20_000 });
    }

    expect(ran).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('the contact search finds a SQL-looking name as typed', async () => {
    const name = `'; DROP TABLE contacts; -- 100%_\\`;

    expect((await api('POST', '/api/contacts', { name, phones: [] })).status).toBe(201);
    await page.goto(`${demo.baseUrl}/contacts`);
    await page
      .getByRole('searchbox')
      .or(page.getByLabel(/search/i))
      .first()
      .fill('100%_\\');
    await waitFor(async () => {
      const items = await page.getByTestId('contact-item').allTextContents();

      return items.length === 1 && items[0]?.includes(name);
    }, 10_000);
  });

  it('the app’s pages carry the strict CSP', async () => {
    const response = await page.goto(`${demo.baseUrl}/contacts`);
    const csp = response?.headers()['content-security-policy'] ?? '';

    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
