// Deauthorization latency (issue 7): from the signed app_deauthorized request to the tokens
// deleted and the first later event dropped, over several agents, beside the bare cost of
// posting one webhook (the same route, an event that does nothing). Goal: p99 ≤ 1 s.
// Usage: npm run bench:deauth [-- --agents 20]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { aConnectedAgent } from '../test/support/connected-agent.js';
import { startTestApp, waitFor } from '../test/support/test-app.js';
import { aCallEvent, postWebhook } from '../test/support/webhook-sender.js';
import { writeResults } from './results-table.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '20' },
    database: { type: 'string', default: 'sqlite' },
  },
});

if (values.database === 'postgres') process.env.TEST_DB = 'postgres';

const percentile = (numbers: number[], p: number) => {
  const sorted = [...numbers].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

const app = await startTestApp({
  env: { LOG_LEVEL: 'warn', BACKFILL_DAYS: '1', SIGNIN_ATTEMPTS_PER_MINUTE: '1000' },
});
const deauth: number[] = [];
const bare: number[] = [];

try {
  for (let i = 0; i < Number(values.agents); i += 1) {
    const agent = await aConnectedAgent(app);
    const ping = JSON.stringify({ event: 'bench.ping', payload: { account_id: 'a', n: i } });
    const t0 = performance.now();

    await postWebhook(app.baseUrl, ping);
    bare.push(performance.now() - t0);

    const started = performance.now();
    const body = JSON.stringify({
      event: 'app_deauthorized',
      payload: {
        account_id: agent.accountId,
        user_id: agent.zoomUserId,
        signature: `s${i}`,
        deauthorization_time: new Date().toISOString(),
      },
    });

    await postWebhook(app.baseUrl, body);
    await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('zoom_connections')
        .select(['access_token_enc'])
        .where('user_id', '=', agent.userId)
        .executeTakeFirst();

      return row?.access_token_enc === null;
    }, 10_000);

    const callId = `72900011122233${String(40000 + i)}`;

    await postWebhook(
      app.baseUrl,
      aCallEvent('phone.callee_missed', {
        callId,
        accountId: agent.accountId,
        agentZoomUserId: agent.zoomUserId,
        otherNumber: '+15125550147',
        endedAt: '2026-12-03T16:00:00Z',
      }),
    );
    await waitFor(async () => {
      const row = await app.database.db
        .selectFrom('webhook_inbox')
        .select('status')
        .where('dedupe_key', 'like', `%${callId}%`)
        .executeTakeFirst();

      return row?.status === 'skipped';
    }, 10_000);
    deauth.push(performance.now() - started);
  }
} finally {
  await app.close();
}

writeResults(
  `deauth-${values.database}`,
  `Deauthorization to first dropped event (${values.database}), ${deauth.length} agents`,
  [
    {
      figure: 'app_deauthorized → tokens gone and next event dropped, p99 (ms)',
      ours: percentile(deauth, 99),
      baseline: percentile(bare, 99),
      goal: '≤ 1000 ms',
      met: percentile(deauth, 99) <= 1000,
    },
    {
      figure: 'same, median (ms)',
      ours: percentile(deauth, 50),
      baseline: percentile(bare, 50),
      goal: '—',
      met: true,
    },
  ],
);
