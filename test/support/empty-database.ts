import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { testDialect, testPostgresUrl } from './test-database.js';

/**
 * A database with no tables yet (not migrated, unlike openTestDatabase), for tests of what
 * happens while the app migrates: a SQLite file in a temporary folder, or a new PostgreSQL schema.
 */
export async function emptyTestDatabase(): Promise<{
  url: string;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}> {
  if (testDialect() === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), '1thing-empty-'));
    const path = join(folder, 'empty.sqlite');

    return {
      url: `sqlite:${path}`,
      open: () => openDatabase({ kind: 'sqlite', path }),
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }

  const schema = `e_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });

  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();

  const parsed = new URL(testPostgresUrl);

  parsed.searchParams.set('options', `-c search_path=${schema}`);

  const url = parsed.toString();

  return {
    url,
    open: () => openDatabase({ kind: 'postgres', url }),
    async drop() {
      const client = new pg.Client({ connectionString: testPostgresUrl });

      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
