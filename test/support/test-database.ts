import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import type { Database } from '../../src/db/db-types.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { forgetGraphileJobsOf } from '../../src/jobs/job-ledger.js';

/** Where the PostgreSQL runs of the integration suite connect (any database they may use). */
export const testPostgresUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const testDialect = (): 'sqlite' | 'postgres' =>
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase extends DatabaseHandle {
  /** A DATABASE_URL another process can open to share this database. */
  url: string;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a new schema in
 * PostgreSQL (selected through search_path), dropped again on close.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), '1thing-test-'));
    const path = join(folder, 'test.sqlite');
    const handle = openDatabase({ kind: 'sqlite', path });

    await migrateToLatest(handle);

    return {
      ...handle,
      url: `sqlite:${path}`,
      async close() {
        await handle.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  }

  const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });

  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${testPostgresUrl}. Start it (for example ` +
        '`pg_ctlcluster $(ls /etc/postgresql) main start`) or set TEST_DATABASE_URL.',
      { cause: error },
    );
  }

  await admin.query(`create schema ${schema}`);
  await admin.end();

  const url = withSearchPath(testPostgresUrl, schema);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  await migrateToLatest({ db, dialect: 'postgres', schema, close: async () => {} });

  return {
    db,
    dialect: 'postgres',
    schema,
    url,
    async close() {
      await sql.raw(`drop schema ${schema} cascade`).execute(db);
      await forgetGraphileJobsOf(db, schema);
      await db.destroy();
    },
  };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);

  parsed.searchParams.set('options', `-c search_path=${schema}`);

  return parsed.toString();
}
