import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aConnectedAgent, type ConnectedAgent } from '../support/connected-agent.js';
import { allCallsOf } from '../support/call-pages.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { seededRandom, shuffled, withConcurrency } from '../support/seeded-random.js';
import { pollUntil } from '../support/slow-poll.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aCallEvent, postWebhook } from '../support/webhook-sender.js';

// Zoom delivers at least once, in no particular order, many at a time (WEBHOOKS.md §1.7-1.8):
// 200 calls, 5 deliveries each (their events plus redeliveries), shuffled and sent 20 at once.
let app: TestApp;
let agent: ConnectedAgent;

beforeAll(async () => {
  app = await startTestApp({ env: { JOB_CONCURRENCY: '8' } });
  agent = await aConnectedAgent(app);
});
afterAll(async () => app.close());

const callCount = 200;
const deliveriesPerCall = 5;

interface PlannedCall {
  zoomCallId: string;
  answered: boolean;
  events: string[];
}

function plan(random: () => number): PlannedCall[] {
  return Array.from({ length: callCount }, (_, i) => {
    const answered = i % 3 !== 0;
    const sequence = answered
      ? ['phone.callee_ringing', 'phone.callee_answered', 'phone.callee_ended']
      : ['phone.callee_ringing', 'phone.callee_missed'];
    const events = [...sequence];

    // The rest of the five are redeliveries of events of the same call, chosen at random.
    while (events.length < deliveriesPerCall) {
      events.push(sequence[Math.floor(random() * sequence.length)] ?? sequence[0]!);
    }

    return { zoomCallId: `72901${String(i).padStart(14, '0')}`, answered, events };
  });
}

function bodyOf(call: PlannedCall, event: string, index: number) {
  const minute = String(index % 60).padStart(2, '0');

  return aCallEvent(event, {
    callId: call.zoomCallId,
    accountId: agent.accountId,
    agentZoomUserId: agent.zoomUserId,
    otherNumber: `+1512555${String(2000 + index).padStart(4, '0')}`,
    ringingAt: `2026-11-0${1 + (index % 9)}T15:${minute}:00Z`,
    ...(event !== 'phone.callee_ringing' &&
      event !== 'phone.callee_missed' && {
        answeredAt: `2026-11-0${1 + (index % 9)}T15:${minute}:05Z`,
      }),
    ...((event === 'phone.callee_ended' || event === 'phone.callee_missed') && {
      endedAt: `2026-11-0${1 + (index % 9)}T15:${minute}:45Z`,
    }),
  });
}

describe('200 calls × 5 deliveries, shuffled, 20 at a time', () => {
  it('ends with exactly 200 call activities, each in its right final state', async () => {
    const random = seededRandom(20261204);
    const calls = plan(random);
    const deliveries = shuffled(
      calls.flatMap((call, index) => call.events.map((event) => ({ call, event, index }))),
      random,
    );
    const statuses = await withConcurrency(deliveries, 20, async ({ call, event, index }) => {
      const response = await postWebhook(app.baseUrl, bodyOf(call, event, index));

      return response.status;
    });

    expect(deliveries).toHaveLength(callCount * deliveriesPerCall);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const seen = await pollUntil(async () => {
      const listed = await allCallsOf(agent.client);

      return listed.length >= callCount && listed.every((c) => c.status === 'ended')
        ? listed
        : undefined;
    }, 120_000);
    const byId = new Map(seen.map((c) => [c.zoomCallId, c]));
    const wrongState = calls.filter((call) => {
      const got = byId.get(call.zoomCallId);

      return (
        !got || got.status !== 'ended' || got.result !== (call.answered ? 'answered' : 'missed')
      );
    });
    const rows = await app.database.db
      .selectFrom('calls')
      .select('zoom_call_id')
      .where('owner_id', '=', agent.userId)
      .execute();

    expect(seen).toHaveLength(callCount);
    expect(rows).toHaveLength(callCount);
    expect(new Set(rows.map((r) => r.zoom_call_id)).size).toBe(callCount);
    expect(wrongState.map((c) => c.zoomCallId)).toEqual([]);
    recordReliabilityFigure({
      area: 'Webhook delivery',
      fault: '200 calls × 5 deliveries, shuffled, concurrency 20',
      tried: deliveries.length,
      wrong: Math.abs(rows.length - callCount) + wrongState.length,
      wrongMeans: 'call lost, duplicated or in a wrong state',
    });
  }, 180_000);
});
