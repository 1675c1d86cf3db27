import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZoomPayload } from '../../src/webhooks/signature.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { startTestApp, testWebhookSecret, type TestApp } from '../support/test-app.js';

// A fixed clock, so the timestamp window's edges are exact seconds: now is `nowSeconds`.
const nowSeconds = 1796295630;
const clock = { now: () => nowSeconds * 1000 };
const tolerance = 300;
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock, startJobs: false });
});
afterAll(async () => app.close());

const storedEvents = async () =>
  Number(
    (
      await app.database.db
        .selectFrom('webhook_inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Posts raw bytes with exactly the headers given: nothing added, so a header can be missing. */
async function send(body: string, headers: Record<string, string | undefined>) {
  const response = await fetch(`${app.baseUrl}/webhooks/zoom`, {
    method: 'POST',
    headers: Object.fromEntries(
      Object.entries({ 'content-type': 'application/json', ...headers }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ),
    body,
  });
  const text = await response.text();

  return { status: response.status, text };
}

/** A distinct, well-formed event: if a forgery of it were accepted, it would be stored. */
function eventBody(i: number): string {
  return JSON.stringify({
    event: 'phone.callee_missed',
    event_ts: 1796295600000 + i,
    payload: {
      account_id: 'acct_forgery',
      object: {
        call_id: `72900011122${String(i).padStart(8, '0')}`,
        caller: { phone_number: '+15125550147', name: 'Caller' },
        callee: { user_id: 'zu_forgery', phone_number: '+15125550110' },
        ringing_start_time: '2026-12-03T10:59:00Z',
        call_end_time: '2026-12-03T10:59:30Z',
      },
    },
  });
}

const ts = String(nowSeconds - 10);
const hmacHex = (algorithm: string, secret: string, text: string) =>
  createHmac(algorithm, secret).update(text).digest('hex');
const flipHex = (c: string) =>
  c === 'f' ? '0' : c === '9' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);

interface Forgery {
  kind: string;
  body: string;
  headers: Record<string, string | undefined>;
}

/** 100 forgeries of each of ten kinds, each over its own event, none a valid Zoom signature. */
function forgeries(): Forgery[] {
  const all: Forgery[] = [];
  const kinds: ((i: number, body: string, good: string) => Forgery)[] = [
    (i, body) => ({
      kind: 'wrong secret',
      body,
      headers: {
        'x-zm-request-timestamp': ts,
        'x-zm-signature': signZoomPayload(`${testWebhookSecret}${i}`, ts, body),
      },
    }),
    (i, body, good) => {
      // One byte of the body changed after signing (a different byte position each time).
      const at = (i * 7) % body.length;
      const changed = body[at] === 'x' ? 'y' : 'x';

      return {
        kind: 'one body byte changed',
        body: body.slice(0, at) + changed + body.slice(at + 1),
        headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': good },
      };
    },
    (i, body, good) => {
      const at = 3 + (i % 64);
      const signature = good.slice(0, at) + flipHex(good.charAt(at)) + good.slice(at + 1);

      return {
        kind: 'one signature hex char changed',
        body,
        headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': signature },
      };
    },
    (i, body, good) => ({
      kind: 'truncated signature',
      body,
      headers: { 'x-zm-request-timestamp': ts, 'x-zm-signature': good.slice(0, 3 + (i % 64)) },
    }),
    (i, body) => {
      const algorithm = ['sha1', 'sha512', 'sha384', 'md5'][i % 4] ?? 'sha1';

      return {
        kind: 'other algorithm',
        body,
        headers: {
          'x-zm-request-timestamp': ts,
          'x-zm-signature': `v0=${hmacHex(algorithm, testWebhookSecret, `v0:${ts}:${body}`)}`,
        },
      };
    },
    (_i, body, good) => ({
      kind: 'uppercase hex',
      body,
      headers: {
        'x-zm-request-timestamp': ts,
        'x-zm-signature': `v0=${good.slice(3).toUpperCase()}`,
      },
    }),
    (i, body, good) => ({
      kind: 'missing v0= prefix',
      body,
      headers: {
        'x-zm-request-timestamp': ts,
        'x-zm-signature': [
          good.slice(3),
          `v1=${good.slice(3)}`,
          `V0=${good.slice(3)}`,
          `=${good.slice(3)}`,
        ][i % 4],
      },
    }),
    (_i, body) => ({
      kind: 'missing signature header',
      body,
      headers: { 'x-zm-request-timestamp': ts },
    }),
    (_i, body, good) => ({
      kind: 'missing timestamp header',
      body,
      headers: { 'x-zm-signature': good },
    }),
    (i, body, good) => ({
      kind: 'timestamp of another request',
      body,
      headers: {
        'x-zm-request-timestamp': String(nowSeconds - 11 - (i % 200)),
        'x-zm-signature': good,
      },
    }),
  ];

  kinds.forEach((make, k) => {
    for (let j = 0; j < 100; j += 1) {
      const i = k * 100 + j;
      const body = eventBody(i);

      all.push(make(i, body, signZoomPayload(testWebhookSecret, ts, body)));
    }
  });

  return all;
}

describe('forged webhook signatures', () => {
  it('1,000 forgeries of ten kinds: every one gets 401 and none is stored', async () => {
    const before = await storedEvents();
    const tries = forgeries();
    const answers: { kind: string; status: number }[] = [];

    // Twenty at a time, the way a flood arrives.
    for (let start = 0; start < tries.length; start += 20) {
      const batch = tries.slice(start, start + 20);
      const results = await Promise.all(batch.map((f) => send(f.body, f.headers)));

      results.forEach((result, index) =>
        answers.push({ kind: batch[index]?.kind ?? '', status: result.status }),
      );
    }

    const accepted = answers.filter((a) => a.status !== 401);

    expect(tries).toHaveLength(1000);
    expect(new Set(tries.map((f) => f.kind)).size).toBe(10);
    expect(accepted).toEqual([]);
    expect(await storedEvents()).toBe(before);

    // The same bodies with their real signatures are accepted: the 401s above were the forgery.
    const genuine = await send(eventBody(0), {
      'x-zm-request-timestamp': ts,
      'x-zm-signature': signZoomPayload(testWebhookSecret, ts, eventBody(0)),
    });

    expect(genuine.status).toBe(200);
    expect(await storedEvents()).toBe(before + 1);
    recordReliabilityFigure({
      area: 'Webhook signatures',
      fault: '1,000 forged signatures (10 kinds × 100)',
      tried: tries.length,
      wrong: accepted.length,
      wrongMeans: 'accepted or stored',
    });
  });

  it('the timestamp window: exactly at ±300 s accepted, one second beyond refused', async () => {
    const edges = [
      { offset: -tolerance, expected: 200 },
      { offset: tolerance, expected: 200 },
      { offset: -tolerance - 1, expected: 401 },
      { offset: tolerance + 1, expected: 401 },
    ];
    const before = await storedEvents();
    const results = [];

    for (const [index, edge] of edges.entries()) {
      const timestamp = String(nowSeconds + edge.offset);
      const body = eventBody(5000 + index);
      const response = await send(body, {
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': signZoomPayload(testWebhookSecret, timestamp, body),
      });

      results.push({ offset: edge.offset, status: response.status });
    }

    expect(results).toEqual(edges.map((e) => ({ offset: e.offset, status: e.expected })));
    expect(await storedEvents()).toBe(before + 2);
    recordReliabilityFigure({
      area: 'Webhook signatures',
      fault: 'timestamps one second beyond the ±300 s window',
      tried: 2,
      wrong: results.filter((r) => Math.abs(r.offset) > tolerance && r.status !== 401).length,
      wrongMeans: 'accepted',
    });
  });

  it('a signed body over 1 MB gets 413 and is not stored; one just under the limit is accepted', async () => {
    const limit = 1024 * 1024;
    const sized = (bytes: number, marker: string) => {
      const head = `{"event":"meeting.started","payload":{"account_id":"${marker}","object":{"id":1},"pad":"`;
      const tail = '"}}';

      return head + 'a'.repeat(bytes - head.length - tail.length) + tail;
    };
    const before = await storedEvents();
    const over = [limit + 1, limit + 1024, 2 * limit].map((bytes, i) => sized(bytes, `over${i}`));
    const statuses = [];

    for (const body of over) {
      const response = await send(body, {
        'x-zm-request-timestamp': ts,
        'x-zm-signature': signZoomPayload(testWebhookSecret, ts, body),
      });

      statuses.push(response.status);
      expect(JSON.parse(response.text).error.code).toBe('PAYLOAD_TOO_LARGE');
    }

    const under = sized(limit - 1, 'under');
    const accepted = await send(under, {
      'x-zm-request-timestamp': ts,
      'x-zm-signature': signZoomPayload(testWebhookSecret, ts, under),
    });

    expect(Buffer.byteLength(under)).toBe(limit - 1);
    expect(statuses).toEqual([413, 413, 413]);
    expect(accepted.status).toBe(200);
    expect(await storedEvents()).toBe(before + 1);
    recordReliabilityFigure({
      area: 'Webhook bodies',
      fault: 'signed bodies over 1 MB',
      tried: over.length,
      wrong: statuses.filter((s) => s !== 413).length,
      wrongMeans: 'not refused with 413',
    });
  });
});
