import { afterAll, describe, expect, it } from 'vitest';
import { migrationNames, pendingMigrations } from '../../src/db/migrate.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { emptyTestDatabase } from '../support/empty-database.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { pollUntil } from '../support/slow-poll.js';
import { testEncryptionKey, testWebhookSecret } from '../support/test-app.js';

// kill -9 while the app migrates a fresh database, right after one migration's statements ran
// and before it is recorded as done: the worst moment. The next start must finish the schema.
const processes: AppProcess[] = [];

afterAll(async () => {
  for (const p of processes) await p.kill9();
});

// Start-up never calls Zoom; the URLs point at a closed local port all the same.
const envFor = (databaseUrl: string) => ({
  DATABASE_URL: databaseUrl,
  PUBLIC_URL: 'http://127.0.0.1:9',
  ZOOM_CLIENT_ID: 'test-client-id',
  ZOOM_CLIENT_SECRET: 'test-client-secret',
  ZOOM_WEBHOOK_SECRET_TOKEN: testWebhookSecret,
  ZOOM_OAUTH_URL: 'http://127.0.0.1:9',
  ZOOM_API_URL: 'http://127.0.0.1:9/v2',
  TOKEN_ENCRYPTION_KEY: testEncryptionKey,
});

describe('kill -9 during a migration', () => {
  it('at each of the migrations in turn: every restart goes on, and the last one starts the app', async () => {
    const empty = await emptyTestDatabase();
    const handle = empty.open();
    const pendingAfterKill: number[] = [];

    try {
      // Start, die right after migration N's statements; start again, die after N+1; and so on.
      for (const name of migrationNames) {
        const run = startAppProcess(envFor(empty.url), {
          role: 'worker',
          crashPoint: `migration:${name}`,
        });

        processes.push(run);
        await run.atCrashPoint();
        await run.kill9();
        pendingAfterKill.push(await pendingMigrations(handle));
      }

      const last = startAppProcess(envFor(empty.url), { role: 'worker' });

      processes.push(last);

      await pollUntil(async () => {
        if (last.child.exitCode !== null) {
          throw new Error(
            `restart failed (exit ${last.child.exitCode}): ${last.stderr().slice(-600)}`,
          );
        }

        return (await pendingMigrations(handle)) === 0;
      }, 60_000);

      // All or nothing: a killed start leaves none of its migrations behind, never half of one.
      expect(pendingAfterKill).toEqual(migrationNames.map(() => migrationNames.length));
      // The tables are there and usable.
      expect(await handle.db.selectFrom('live_calls').select('call_id').execute()).toEqual([]);
      expect(last.child.exitCode).toBeNull();
      recordReliabilityFigure({
        area: 'Crash (kill -9)',
        fault: 'during a migration (at each of the migrations)',
        tried: migrationNames.length,
        wrong: 0,
        wrongMeans: 'schema left broken or half-applied',
      });
    } finally {
      await handle.close();
      await empty.drop();
    }
  }, 180_000);
});
