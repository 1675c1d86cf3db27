// Call-history back-fill benchmark (issue 5): 10,000 records over six months against the
// simulator with a rate limit R, 150 ± 50 ms latency, 1 % 5xx and one 20 s stretch of 429s,
// then contact matching over 100,000 contacts beside a bare indexed lookup on the same
// database. Usage: npm run bench:backfill [-- --records 10000 --rate 10 --database postgres]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { findContactIdsByNumber } from '../src/crm/contacts.repo.js';
import { newId } from '../src/lib/ids.js';
import { simControl, simRequests } from '../test/support/sim-control.js';
import { startTestApp, waitFor } from '../test/support/test-app.js';
import { connectZoom, createSimUser } from '../test/support/zoom-flows.js';
import { writeResults, type ResultRow } from './results-table.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '10' },
    contacts: { type: 'string', default: '100000' },
    lookups: { type: 'string', default: '2000' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const records = Number(values.records);
const rate = Number(values.rate);
const burstMs = 20_000;

if (values.database === 'postgres') process.env.TEST_DB = 'postgres';

const percentile = (numbers: number[], p: number) => {
  const sorted = [...numbers].sort((a, b) => a - b);

  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function backfill(rows: ResultRow[]) {
  const app = await startTestApp({
    env: {
      BACKFILL_DAYS: '180',
      BACKFILL_PAGE_SIZE: '300',
      ZOOM_ACCOUNT_REQUESTS_PER_SECOND: String(rate),
      LOG_LEVEL: 'warn',
    },
  });

  try {
    const zoomEmail = 'bench@zoom.example.com';
    const client = await app.createAgent('bench@crm.example.com');

    await createSimUser(app, { email: zoomEmail, phoneNumber: '+15125559001' });
    await simControl(app, 'POST', `/sim/users/${zoomEmail}/history`, {
      count: records,
      from: new Date(Date.now() - 178 * 86_400_000).toISOString(),
      to: new Date(Date.now() - 3_600_000).toISOString(),
      seed: 5,
    });
    await simControl(app, 'POST', '/sim/traffic', {
      perSecond: rate,
      burst: rate,
      latencyMs: 150,
      jitterMs: 50,
      errorRate: 0.01,
      retryAfter: 'seconds',
    });
    await simControl(app, 'DELETE', '/sim/requests');

    const started = performance.now();

    await connectZoom(app, client, 'phone', zoomEmail);
    // One 20 s stretch in which Zoom answers every call with 429, two seconds in.
    const burst = setTimeout(() => {
      simControl(app, 'POST', '/sim/traffic', { throttleForMs: burstMs }).catch(() => undefined);
    }, 2000);

    const run = await waitFor(async () => {
      const row = await app.database.db.selectFrom('backfill_runs').selectAll().executeTakeFirst();

      return row && row.status !== 'running' ? row : undefined;
    }, 600_000);
    const wallMs = performance.now() - started;

    clearTimeout(burst);
    const requests = (await simRequests(app)).filter((r) => r.path.endsWith('/call_history'));
    const pages = requests.filter((r) => r.status === 200).length;
    const throttled = requests.filter((r) => r.status === 429).length;
    const calls = await app.database.db.selectFrom('calls').select('zoom_call_id').execute();
    const distinct = new Set(calls.map((c) => c.zoom_call_id)).size;
    // Nothing can succeed during the 429 stretch; otherwise R bounds the pace.
    const lowerBoundMs = (pages / rate) * 1000 + burstMs;

    console.warn(
      `back-fill: ${run.status}, ${pages} pages, ${requests.length} requests, ${throttled} × 429, ` +
        `${calls.length} calls (${distinct} distinct), ${(wallMs / 1000).toFixed(1)} s`,
    );
    rows.push(
      {
        figure: `back-fill wall time, ${records} records, R=${rate}/s (s)`,
        ours: wallMs / 1000,
        baseline: lowerBoundMs / 1000,
        goal: '≤ 1.25× the lower bound (pages / R + 20 s burst)',
        met: wallMs / lowerBoundMs <= 1.25,
      },
      {
        figure: '429 answers, share of requests (%)',
        ours: (100 * throttled) / requests.length,
        baseline: null,
        goal: '≤ 2 %',
        met: throttled / requests.length <= 0.02,
      },
      {
        figure: 'calls stored: duplicates / missing',
        ours: `${calls.length - distinct} / ${records - distinct}`,
        baseline: null,
        goal: '0 / 0',
        met: calls.length === distinct && distinct === records,
      },
    );

    await matching(app, rows);
  } finally {
    await app.close();
  }
}

/** findContactIdsByNumber over 100k contacts, beside the same lookup as one bare SQL query. */
async function matching(app: Awaited<ReturnType<typeof startTestApp>>, rows: ResultRow[]) {
  const db = app.database.db;
  const owner = await db.selectFrom('users').select('id').executeTakeFirstOrThrow();
  const contactCount = Number(values.contacts);
  const now = Date.now();
  const e164 = (i: number) => `+1${String(2_025_550_000 + i).padStart(10, '0')}`;

  for (let start = 0; start < contactCount; start += 500) {
    const batch = Array.from({ length: Math.min(500, contactCount - start) }, (_, k) => start + k);
    const ids = batch.map(() => newId());

    await db
      .insertInto('contacts')
      .values(
        batch.map((i, k) => ({
          id: ids[k]!,
          owner_id: owner.id,
          name: `Contact ${i}`,
          email: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('contact_phones')
      .values(
        batch.map((i, k) => ({
          id: newId(),
          contact_id: ids[k]!,
          owner_id: owner.id,
          label: 'mobile',
          raw: e164(i),
          e164: e164(i),
          extension: null,
          position: 0,
        })),
      )
      .execute();
  }

  const lookups = Number(values.lookups);
  const timeIt = async (lookup: (n: string) => Promise<unknown>) => {
    const times: number[] = [];

    for (let i = 0; i < lookups; i += 1) {
      const number = e164(Math.floor(Math.random() * contactCount));
      const t0 = performance.now();

      await lookup(number);
      times.push(performance.now() - t0);
    }

    return times;
  };
  const bare = (number: string) =>
    sql`select contact_id from contact_phones where owner_id = ${owner.id} and e164 = ${number}`.execute(
      db,
    );
  const ours = (number: string) => findContactIdsByNumber(db, owner.id, number);

  await timeIt(bare);
  await timeIt(ours);

  const bareTimes = await timeIt(bare);
  const ourTimes = await timeIt(ours);

  rows.push({
    figure: `contact match over ${contactCount} contacts, p99 (ms)`,
    ours: percentile(ourTimes, 99),
    baseline: percentile(bareTimes, 99),
    goal: '≤ 2× the bare indexed lookup',
    met: percentile(ourTimes, 99) <= 2 * percentile(bareTimes, 99),
  });
}

const rows: ResultRow[] = [];

await backfill(rows);
writeResults(
  `backfill-${values.database}`,
  `Call-history back-fill and contact matching (${values.database})`,
  rows,
);
