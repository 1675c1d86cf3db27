import {
  Migrator,
  sql,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import { crashPoint } from '../lib/crash-point.js';
import type { DatabaseHandle } from './database.js';
import * as initial from './migrations/001-initial.js';
import * as meetings from './migrations/002-meetings.js';
import * as liveCalls from './migrations/003-live-calls.js';
import * as callHistory from './migrations/004-call-history.js';
import * as voicemailRecordings from './migrations/005-voicemail-recordings.js';
import * as privacy from './migrations/006-privacy.js';
import * as jobsAwaitingReconnect from './migrations/007-jobs-awaiting-reconnect.js';

/** Migrations in the order they run; the name is the number plus what it does. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-meetings': meetings,
  '003-live-calls': liveCalls,
  '004-call-history': callHistory,
  '005-voicemail-recordings': voicemailRecordings,
  '006-privacy': privacy,
  '007-jobs-awaiting-reconnect': jobsAwaitingReconnect,
};

export const migrationNames = Object.keys(migrations);

// Each migration passes a crash point once its statements ran and before Kysely records it,
// the worst moment for a kill -9 (test/hardening/crash-during-migration.test.ts).
const provider: MigrationProvider = {
  getMigrations: async () =>
    Object.fromEntries(
      Object.entries(migrations).map(([name, migration]) => [
        name,
        {
          ...migration,
          up: async (db) => {
            await migration.up(db);
            await crashPoint(`migration:${name}`);
          },
        },
      ]),
    ),
};

/**
 * Brings the schema up to date. Kysely's migrator takes a lock in the database, so several
 * instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(database: DatabaseHandle): Promise<string[]> {
  const { error, results } =
    database.dialect === 'sqlite'
      ? await inOneSqliteTransaction(database)
      : await migrator(database).migrateToLatest();

  if (error) throw new Error('Database migration failed', { cause: error });

  return (results ?? []).map((result) => result.migrationName);
}

/**
 * Kysely runs SQLite migrations outside any transaction (its SQLite adapter reports no
 * transactional DDL, though SQLite has it), so a crash between a migration's statements and its
 * bookkeeping row left a half-made schema that failed every later start with "table already
 * exists" (issue 9, test/hardening/crash-during-migration.test.ts). One transaction around the
 * whole run makes it all or nothing, as PostgreSQL's is.
 */
async function inOneSqliteTransaction(database: DatabaseHandle): Promise<MigrationResultSet> {
  return database.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);

    try {
      const outcome = await migrator({ ...database, db: connection }).migrateToLatest();

      await sql.raw(outcome.error ? 'rollback' : 'commit').execute(connection);

      return outcome;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}

export async function pendingMigrations(database: DatabaseHandle): Promise<number> {
  const all = await migrator(database).getMigrations();

  return all.filter((migration) => !migration.executedAt).length;
}

// Kysely looks for its bookkeeping tables in every schema; naming the schema keeps two
// databases that share a server (one schema each) from seeing each other's tables.
function migrator({ db, schema }: DatabaseHandle): Migrator {
  return new Migrator({
    db,
    provider,
    // Features landed their numbered migrations side by side; none depends on a later number,
    // so a database that ran a later one first may still take an earlier one.
    allowUnorderedMigrations: true,
    ...(schema && { migrationTableSchema: schema }),
  });
}
