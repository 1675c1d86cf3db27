import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZoomPayload } from '../../src/webhooks/signature.js';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { startTestApp, testWebhookSecret, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

// What a signed, accepted event does afterwards: a replay has no second effect, any Unicode
// spelling of a body verifies and reaches the call, long call ids stay strings, and a hostile
// body never takes the process down.
let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
});
afterAll(async () => app.close());

const nowTs = () => String(Math.floor(Date.now() / 1000));

async function callRows(zoomCallId: string) {
  return app.database.db
    .selectFrom('calls')
    .selectAll()
    .where('zoom_call_id', '=', zoomCallId)
    .execute();
}

async function loggedCall(zoomCallId: string, status = 'ended') {
  return waitFor(async () => {
    const { json } = await agent.client.get('/api/calls?limit=200');
    const call = json.calls.find((c: { zoomCallId: string }) => c.zoomCallId === zoomCallId);

    return call?.status === status ? call : undefined;
  }, 10_000);
}

const endedEvent = (callId: string, extra: { otherName?: string } = {}) =>
  aCallEvent('phone.callee_ended', {
    callId,
    accountId: agent.accountId,
    agentZoomUserId: agent.zoomUserId,
    otherNumber: '+15125550147',
    ringingAt: '2026-12-03T15:00:00Z',
    answeredAt: '2026-12-03T15:00:05Z',
    endedAt: '2026-12-03T15:01:05Z',
    ...extra,
  });

describe('a captured valid event replayed', () => {
  it('the same signed bytes 10 times at once, then 5 times re-signed: one call row, one stored event', async () => {
    const callId = '7290001112220000001';
    const body = endedEvent(callId);
    const timestamp = nowTs();
    const signature = signZoomPayload(testWebhookSecret, timestamp, body);
    const identical = await Promise.all(
      Array.from({ length: 10 }, () => postWebhook(app.baseUrl, body, { timestamp, signature })),
    );
    const resigned = [];

    for (let i = 0; i < 5; i += 1) resigned.push(await postWebhook(app.baseUrl, body));

    const replies = [...identical, ...resigned];

    await loggedCall(callId);

    const stored = await app.database.db
      .selectFrom('webhook_inbox')
      .select('id')
      .where('body', '=', body)
      .execute();
    const rows = await callRows(callId);

    expect(replies.map((r) => r.status)).toEqual(Array(15).fill(200));
    expect(replies.filter((r) => r.json.duplicate === false)).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(rows).toHaveLength(1);
    recordReliabilityFigure({
      area: 'Webhook replay',
      fault: 'captured event replayed (10 identical, 5 re-signed)',
      tried: replies.length - 1,
      wrong: rows.length - 1 + (stored.length - 1),
      wrongMeans: 'second effect',
    });
  });
});

describe('Unicode bodies verify over their raw bytes', () => {
  it('emoji as UTF-8 and the same text \\u-escaped both verify and reach the call verbatim', async () => {
    const name = 'Zoë 🏡 Ortiz — 北京';
    const raw = endedEvent('7290001112220000002', { otherName: name });
    const escaped = endedEvent('7290001112220000003', { otherName: name }).replace(
      /[^\x20-\x7e]/gu,
      (c) =>
        Array.from(
          { length: c.length },
          (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`,
        ).join(''),
    );

    expect(raw).toContain('🏡');
    expect(escaped).toContain('\\ud83c\\udfe1');
    expect((await postWebhook(app.baseUrl, raw)).status).toBe(200);
    expect((await postWebhook(app.baseUrl, escaped)).status).toBe(200);
    expect((await loggedCall('7290001112220000002')).externalName).toBe(name);
    expect((await loggedCall('7290001112220000003')).externalName).toBe(name);
  });
});

describe('19-digit call ids', () => {
  it('are stored and served verbatim as strings, beyond 2^53 and with leading zeros', async () => {
    const ids = [
      '9223372036854775807',
      '9007199254740993',
      '0000000000000000001',
      '7290001112223334445',
    ];

    for (const id of ids) expect((await postWebhook(app.baseUrl, endedEvent(id))).status).toBe(200);

    const served: string[] = [];

    for (const id of ids) served.push((await loggedCall(id)).zoomCallId);

    const stored: string[] = [];

    for (const id of ids) stored.push(...(await callRows(id)).map((row) => row.zoom_call_id));

    expect(served).toEqual(ids);
    expect(stored).toEqual(ids);
    recordReliabilityFigure({
      area: 'Webhook bodies',
      fault: '19-digit call ids (beyond 2^53, leading zeros)',
      tried: ids.length,
      wrong: ids.filter((id, i) => served[i] !== id || stored[i] !== id).length,
      wrongMeans: 'changed',
    });
  });
});

describe('hostile bodies, correctly signed', () => {
  const call = (object: Record<string, unknown>) =>
    JSON.stringify({
      event: 'phone.callee_ended',
      payload: {
        account_id: 'acct_x',
        object: { call_id: '1', caller: {}, callee: {}, ...object },
      },
    });
  const bodies: [string, string | Buffer][] = [
    ['not JSON', '{"event":'],
    ['empty body', ''],
    ['a JSON string', '"phone.callee_ended"'],
    ['null', 'null'],
    ['an array', '[{"event":"phone.callee_ended"}]'],
    ['event is a number', '{"event":42,"payload":{}}'],
    ['payload is an array', '{"event":"phone.callee_ended","payload":[]}'],
    ['payload is null', '{"event":"phone.callee_ended","payload":null}'],
    ['no payload', '{"event":"phone.callee_ended"}'],
    [
      'account_id a number',
      '{"event":"phone.callee_ended","payload":{"account_id":5,"object":{}}}',
    ],
    [
      'call_id a number',
      '{"event":"phone.callee_ended","payload":{"account_id":"a","object":{"call_id":7290001112223334445,"caller":{},"callee":{}}}}',
    ],
    ['caller a string', call({ caller: 'x' })],
    ['times are numbers', call({ ringing_start_time: 17, call_end_time: true })],
    ['times are not dates', call({ ringing_start_time: 'yesterday', call_end_time: 'soon' })],
    ['extension an object', call({ callee: { extension_number: { a: 1 } } })],
    [
      '__proto__ keys',
      '{"event":"phone.callee_ended","__proto__":{"admin":true},"payload":{"account_id":"a","object":{"call_id":"1","caller":{"__proto__":{"x":1}},"callee":{}}}}',
    ],
    ['event name with SQL', '{"event":"x\'; drop table calls;--","payload":{}}'],
    ['event name 10 kB', `{"event":"${'a'.repeat(10_000)}","payload":{}}`],
    [
      'deeply nested object',
      `{"event":"meeting.started","payload":{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}`,
    ],
    [
      'deeply nested array',
      `{"event":"meeting.started","payload":{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    ],
    [
      '100k-element array',
      `{"event":"meeting.started","payload":{"a":[${Array(100_000).fill(0).join(',')}]}}`,
    ],
    [
      'lone surrogate escape',
      '{"event":"meeting.started","payload":{"account_id":"\\ud800","object":{}}}',
    ],
    ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ];

  it('each gets a clear 400, or a 200 for a valid event we skip, never a 500; the process stays up', async () => {
    const answers = [];

    for (const [label, body] of bodies) {
      const response = await postWebhook(app.baseUrl, body);

      answers.push({ label, status: response.status, code: response.json?.error?.code ?? null });
    }

    const wrong = answers.filter(
      (a) =>
        !(
          a.status === 200 ||
          (a.status === 400 && /^(INVALID_JSON|WEBHOOK_INVALID)$/.test(a.code))
        ),
    );

    expect(wrong).toEqual([]);
    expect(answers.find((a) => a.label === 'not JSON')?.status).toBe(400);
    expect(answers.find((a) => a.label === 'call_id a number')?.status).toBe(400);

    // Still up, and still logging real calls after all of that.
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect((await postWebhook(app.baseUrl, endedEvent('7290001112220000009'))).status).toBe(200);
    await loggedCall('7290001112220000009');
    recordReliabilityFigure({
      area: 'Webhook bodies',
      fault: 'malformed, mistyped, nested and oversized-field bodies',
      tried: bodies.length,
      wrong: wrong.length,
      wrongMeans: '5xx or unclear answer',
    });
  });

  it('an accepted event whose times are not dates is logged without them or skipped, not retried forever', async () => {
    const body = JSON.stringify({
      event: 'phone.callee_ended',
      payload: {
        account_id: agent.accountId,
        object: {
          call_id: '7290001112220000010',
          caller: { phone_number: '+15125550147' },
          callee: { user_id: agent.zoomUserId, phone_number: agent.phoneNumber },
          ringing_start_time: 'yesterday',
          call_end_time: 'not a time',
        },
      },
    });

    expect((await postWebhook(app.baseUrl, body)).status).toBe(200);

    const entry = await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select(['status', 'outcome'])
        .where('body', '=', body)
        .executeTakeFirst();

      return row && row.status !== 'pending' ? row : undefined;
    }, 10_000);

    expect(entry.status).toMatch(/^(processed|skipped)$/);
  });
});
