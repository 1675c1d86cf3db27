import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signZoomPayload } from '../../src/webhooks/signature.js';
import { startTestApp, testWebhookSecret, type TestApp } from '../support/test-app.js';
import { postWebhook } from '../support/webhook-sender.js';

// The field reports' examples are signed at 1796295600 (2026-12-03T11:00:00Z): the app's
// clock stands 30 s after that.
const clock = { now: () => 1796295600_000 + 30_000 };
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock, startJobs: false });
});
afterAll(async () => app.close());

const inboxCount = async () => {
  const rows = await app.database.db.selectFrom('webhook_inbox').select('id').execute();

  return rows.length;
};

describe('POST /webhooks/zoom', () => {
  it('field report 3: accepts the raw escaped body Zoom signed, and stores it byte for byte', async () => {
    const rawBody =
      '{"event":"meeting.updated","payload":{"account_id":"acct_demo_01","object":{"id":81234567890,' +
      '"topic":"Caf\\u00e9 walkthrough \\/ 12 Elm St"}},"event_ts":1796295600123}';
    const response = await postWebhook(app.baseUrl, rawBody, {
      timestamp: '1796295600',
      signature: 'v0=f8e30207c0b1932d89c0f7137709fb9d099b09d4e2253d4b2a6da96698529ea9',
    });

    expect(response.status).toBe(200);

    const stored = await app.database.db
      .selectFrom('webhook_inbox')
      .select(['body', 'event', 'status'])
      .where('event', '=', 'meeting.updated')
      .executeTakeFirstOrThrow();

    expect(stored).toEqual({ body: rawBody, event: 'meeting.updated', status: 'pending' });
  });

  it('field report 3: one changed byte, or a timestamp outside the window, gets 401 and stores nothing', async () => {
    const before = await inboxCount();
    const body =
      '{"event":"meeting.updated","payload":{"account_id":"a","object":{"id":1}},"event_ts":1}';
    const good = await postWebhook(app.baseUrl, body, { timestamp: '1796295600' });
    const tampered = await postWebhook(app.baseUrl, body.replace('"id":1', '"id":2'), {
      timestamp: '1796295600',
      signature: signZoomPayload(testWebhookSecret, '1796295600', body),
    });

    expect(good.status).toBe(200);

    const signedOld = await postWebhook(app.baseUrl, body.replace('"a"', '"b"'), {
      timestamp: '1796295200',
    });
    const forged = await postWebhook(app.baseUrl, body.replace('"a"', '"c"'), {
      timestamp: '1796295600',
      signature: `v0=${'0'.repeat(64)}`,
    });
    const unsigned = await postWebhook(app.baseUrl, body.replace('"a"', '"d"'), {
      signature: null,
    });

    expect(tampered.status).toBe(401);
    expect(signedOld.status).toBe(401);
    expect(forged.status).toBe(401);
    expect(unsigned.status).toBe(401);
    expect(forged.json).toEqual({
      error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: expect.any(String) },
    });
    expect(await inboxCount()).toBe(before + 1);
    expect(app.logs.join('')).toContain('timestamp_outside_window');
  });

  it('field report 4: answers url_validation with exactly plainToken and the hex HMAC', async () => {
    const body =
      '{"payload":{"plainToken":"Xk2pQ9rT7vLmN4bW1cYz0A"},"event_ts":1796295600000,"event":"endpoint.url_validation"}';
    const before = await inboxCount();
    const started = Date.now();
    const response = await postWebhook(app.baseUrl, body, { timestamp: '1796295600' });

    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.text).toBe(
      '{"plainToken":"Xk2pQ9rT7vLmN4bW1cYz0A","encryptedToken":"4987d2bab2b82e57036939a17824ae60dd5ebb9b1fb813947842c976e44c45d6"}',
    );
    expect(await inboxCount()).toBe(before);

    const admin = await app.createAgent('support@example.com', { isAdmin: true });
    const status = await admin.get('/api/admin/status');

    expect(status.json.webhooks.lastUrlValidationAt).toBe(new Date(clock.now()).toISOString());
  });

  it('does not answer an unsigned url_validation: that would sign any string an attacker picks', async () => {
    const body = '{"payload":{"plainToken":"v0:1796295600:{}"},"event":"endpoint.url_validation"}';
    const response = await postWebhook(app.baseUrl, body, { signature: null });

    expect(response.status).toBe(401);
    expect(response.text).not.toContain('encryptedToken');
  });

  it('malformed JSON, a body that is not an event, or a numeric call id get 400 and store nothing', async () => {
    const before = await inboxCount();
    const cases = [
      '{"event":"phone.callee_ended",',
      '[1,2,3]',
      '{"payload":{}}',
      '{"event":"phone.callee_ended","payload":{"account_id":"a","object":{"call_id":7290001112223334445,"caller":{},"callee":{}}}}',
      '{"event":"phone.callee_ended","payload":{"account_id":"a","object":{"call_id":"1"}}}',
    ];

    for (const body of cases) {
      const response = await postWebhook(app.baseUrl, body, { timestamp: '1796295600' });

      expect(response.status, body).toBe(400);
      expect(response.json?.error?.code, body).toMatch(/^(INVALID_JSON|WEBHOOK_INVALID)$/);
    }

    expect(await inboxCount()).toBe(before);
  });

  it('field report 22: valid events we do not act on are acknowledged and skipped, never an error', async () => {
    const bodies = [
      '{"event":"recording.completed","payload":{"account_id":"a","object":{"uuid":"u1","id":1,"host_id":"h","recording_files":[{"id":"rf_09","file_type":"TIMELINE","status":"completed"}]}}}',
      '{"event":"meeting.started","payload":{"account_id":"a","object":{"id":2}}}',
      '{"event":"phone.caller_mute","payload":{"account_id":"a","object":{"call_id":"1"}}}',
    ];

    for (const body of bodies) {
      expect((await postWebhook(app.baseUrl, body, { timestamp: '1796295600' })).status).toBe(200);
    }
  });

  it('a NUL character or a very deep body never becomes a 500', async () => {
    const nul = '{"event":"meeting.started","payload":{"account_id":"a\\u0000b","object":{}}}';
    const deep = `{"event":"x","payload":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;

    expect((await postWebhook(app.baseUrl, nul, { timestamp: '1796295600' })).status).toBe(200);
    expect((await postWebhook(app.baseUrl, deep, { timestamp: '1796295600' })).status).toBe(400);
  });

  it('a body over 1 MB gets 413 with a JSON error', async () => {
    const big = JSON.stringify({ event: 'x', payload: { pad: 'a'.repeat(1024 * 1024) } });
    const response = await postWebhook(app.baseUrl, big, { timestamp: '1796295600' });

    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a redelivery with a fresh timestamp and signature is recognised and stores nothing new', async () => {
    const body = (ts: number) =>
      JSON.stringify({
        event: 'phone.callee_missed',
        event_ts: ts,
        payload: {
          account_id: 'acct_1',
          object: {
            call_id: '7290001112223339999',
            caller: { phone_number: '+15125550147' },
            callee: { user_id: 'zu_1', phone_number: '+15125550110' },
            ringing_start_time: '2026-12-03T10:59:00Z',
            call_end_time: '2026-12-03T10:59:30Z',
          },
        },
      });
    const first = await postWebhook(app.baseUrl, body(1), { timestamp: '1796295600' });
    const before = await inboxCount();
    const again = await postWebhook(app.baseUrl, body(2), { timestamp: '1796295610' });

    expect(first.json).toEqual({ received: true, duplicate: false });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ received: true, duplicate: true });
    expect(await inboxCount()).toBe(before);
  });
});
