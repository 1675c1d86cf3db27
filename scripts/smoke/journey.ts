import { BrowserLikeClient } from './browser-like-client.js';
import type { ReadmeSetup } from './readme.js';

export interface JourneyStep {
  name: string;
  run(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` gives a value, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  while (Date.now() < deadline) {
    try {
      const value = await check();

      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }

    await sleep(250);
  }

  throw new Error(`${what} (waited ${timeoutMs / 1000} s)`, { cause: lastError });
}

/** `<input type="hidden" name=… value=…>` of a form, as the browser would post them back. */
function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const unescape = (text: string) =>
    text
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');

  for (const match of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = match[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '';

    if (/\btype="hidden"/.test(tag) && name) fields[unescape(name)] = unescape(value);
  }

  return fields;
}

function expectStatus(answer: { status: number; text: string }, status: number, what: string) {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected HTTP ${status}, got ${answer.status}: ${answer.text.slice(0, 300)}`,
    );
  }
}

/**
 * The README's main journey as a newcomer's browser drives it: sign in as the demo agent,
 * connect Zoom Phone on the simulator's consent page, place a call from the simulator, and
 * find it on the contact the README names.
 */
export function journeySteps(baseUrl: string, readme: ReadmeSetup): JourneyStep[] {
  const browser = new BrowserLikeClient();
  const seen: { simulatorUrl?: string; contactId?: string; zoomCallId?: string } = {};

  return [
    {
      name: `sign in as ${readme.email} with the README's password`,
      async run() {
        const answer = await browser.request('POST', `${baseUrl}/api/session`, {
          json: { email: readme.email, password: readme.password },
        });

        expectStatus(answer, 200, 'POST /api/session');
      },
    },
    {
      name: 'connect Zoom Phone on the simulator’s consent page',
      async run() {
        const start = await browser.request(
          'POST',
          `${baseUrl}/api/integrations/zoom/phone/connect`,
          { json: {} },
        );

        expectStatus(start, 200, 'Connect Zoom Phone');

        const consentUrl = new URL((start.json as { url: string }).url);
        const consent = await browser.request('GET', consentUrl.toString());

        expectStatus(consent, 200, 'the consent page');

        const landing = await browser.request(
          'POST',
          new URL('/oauth/authorize', consentUrl).toString(),
          { form: { ...hiddenInputs(consent.text), email: readme.email, decision: 'approve' } },
        );

        if (new URL(landing.url).searchParams.get('connected') !== 'phone') {
          throw new Error(`after Approve the browser landed on ${landing.url}`);
        }

        const cards = await browser.request('GET', `${baseUrl}/api/integrations/zoom`);
        const state = (cards.json as { phone?: { state?: string } }).phone?.state;

        if (state !== 'connected') throw new Error(`the Zoom Phone card says “${state}”`);
      },
    },
    {
      name: `find ${readme.contactName} among the demo contacts`,
      async run() {
        const demo = await browser.request('GET', `${baseUrl}/api/demo`);

        expectStatus(demo, 200, 'GET /api/demo (is the app in demo mode?)');
        seen.simulatorUrl = (demo.json as { simulatorUrl: string }).simulatorUrl;

        const query = new URLSearchParams({ q: readme.contactName });
        const found = await browser.request('GET', `${baseUrl}/api/contacts?${query}`);
        const contacts = (found.json as { contacts?: { id: string; name: string }[] }).contacts;
        const contact = contacts?.find((item) => item.name === readme.contactName);

        if (!contact) throw new Error(`no contact named ${readme.contactName}: ${found.text}`);

        seen.contactId = contact.id;
      },
    },
    {
      name: `place an answered inbound call from ${readme.contactNumber} in the simulator`,
      async run() {
        const placed = await fetch(`${seen.simulatorUrl}/sim/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            userEmail: readme.email,
            direction: 'inbound',
            externalNumber: readme.contactNumber,
            outcome: 'answered',
          }),
        });
        const text = await placed.text();

        expectStatus({ status: placed.status, text }, 202, 'POST /sim/calls');
        seen.zoomCallId = (JSON.parse(text) as { callId: string }).callId;
      },
    },
    {
      name: `see the call logged on ${readme.contactName}, ended, from Zoom's webhooks`,
      async run() {
        await eventually(
          `the call is not in ${readme.contactName}'s call history`,
          30_000,
          async () => {
            const query = new URLSearchParams({ contactId: seen.contactId ?? '' });
            const answer = await browser.request('GET', `${baseUrl}/api/calls?${query}`);
            const calls = (answer.json as { calls?: { zoomCallId: string; status: string }[] })
              .calls;

            return calls?.find(
              (call) => call.zoomCallId === seen.zoomCallId && call.status === 'ended',
            );
          },
        );
      },
    },
  ];
}
