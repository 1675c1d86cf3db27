import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { startTestApp, waitFor, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

// Support's question is "what happened to Zoom delivery X?": the log lines must carry Zoom's
// tracking id, the call id and the time as fields a log search can filter on.
let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp();
  agent = await aConnectedAgent(app);
});
afterAll(() => app?.close());

type LogLine = Record<string, unknown> & { msg?: string; time?: number };

const logLines = (): LogLine[] =>
  app.logs.flatMap((text) => text.split('\n').filter(Boolean)).map((line) => JSON.parse(line));

describe('webhook logs', () => {
  it('follow one delivery from its tracking id to the call it logged', async () => {
    const trackingId = 'trk-support-0001';
    const zoomCallId = '7290001112223339001';
    const body = aCallEvent('phone.callee_ended', {
      callId: zoomCallId,
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
      otherNumber: '+15125550177',
      endedAt: '2026-12-03T15:01:00Z',
    });
    const sentAt = Date.now();

    expect(
      (await postWebhook(app.baseUrl, body, { headers: { 'x-zm-trackingid': trackingId } })).status,
    ).toBe(200);

    const processed = await waitFor(async () =>
      logLines().find(
        (line) => line.msg === 'webhook processed' && line.zoomTrackingId === trackingId,
      ),
    );
    const stored = logLines().find(
      (line) => line.msg === 'webhook stored' && line.zoomTrackingId === trackingId,
    );
    const logged = logLines().find(
      (line) => line.msg === 'call logged' && line.zoomCallId === zoomCallId,
    );

    expect(stored).toMatchObject({ zoomEvent: 'phone.callee_ended' });
    expect(processed).toMatchObject({ inboxId: stored?.inboxId, zoomCallId });
    expect(processed.lagMs).toEqual(expect.any(Number));
    expect(logged).toMatchObject({ userId: agent.userId, callId: expect.any(String) });

    for (const line of [stored, processed, logged]) {
      expect(line?.time).toBeGreaterThanOrEqual(sentAt - 1000);
    }
  });

  it('keep the tracking id of a rejected delivery, never its signature', async () => {
    const trackingId = 'trk-support-0002';
    const signature = `v0=${'ab'.repeat(32)}`;
    const body = aCallEvent('phone.callee_ringing', {
      callId: '7290001112223339002',
      accountId: agent.accountId,
      agentZoomUserId: agent.zoomUserId,
    });

    expect(
      (
        await postWebhook(app.baseUrl, body, {
          signature,
          headers: { 'x-zm-trackingid': trackingId },
        })
      ).status,
    ).toBe(401);
    expect(logLines().find((line) => line.zoomTrackingId === trackingId)).toMatchObject({
      msg: 'webhook rejected',
      reason: 'signature_mismatch',
    });
    expect(app.logs.join('')).not.toContain('ab'.repeat(32));
  });
});
