import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { AppConfig } from '../config/config.js';
import type { Database } from './db-types.js';

export type Db = Kysely<Database>;
export type DbDialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DbDialect;
  /** PostgreSQL: the schema the URL selects with `options=-c search_path=…`, else public. */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) columns as strings because they may exceed 2^53. Our bigints
// are epoch milliseconds and counts, far below that, so read them as numbers like SQLite does.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(
  settings: AppConfig['database'],
  poolSize = 10,
  onConnectionLost: (error: Error) => void = () => {},
): DatabaseHandle {
  if (settings.kind === 'sqlite') return openSqlite(settings.path);

  const pool = new pg.Pool({ connectionString: settings.url, max: poolSize });

  // A connection PostgreSQL drops (a restart, a terminated backend, a failover) emits 'error'
  // on its client; unheard, that ends the process. The query it was running fails on its own
  // and the pool opens a new connection for the next one, so hearing it is all that is needed.
  // Idle clients report through the pool, checked-out ones only through themselves.
  pool.on('error', onConnectionLost);
  pool.on('connect', (client) => client.on('error', onConnectionLost));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });

  // Without a search_path in the URL, tables live in `public`.
  const schema = searchPathOf(settings.url) ?? 'public';

  return { db, dialect: 'postgres', schema, close: () => db.destroy() };
}

function searchPathOf(url: string): string | undefined {
  const options = new URL(url).searchParams.get('options') ?? '';

  return /search_path=([A-Za-z_][A-Za-z0-9_]*)/.exec(options)?.[1];
}

function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const sqlite = new SqliteDatabase(path);

  // WAL keeps readers off the writer's back; synchronous=FULL makes each commit durable before
  // it returns, which the webhook inbox relies on (an event Zoom got a 200 for survives a crash).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');

  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
