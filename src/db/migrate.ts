import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database.js';
import * as initial from './migrations/001-initial.js';
import * as meetings from './migrations/002-meetings.js';
import * as liveCalls from './migrations/003-live-calls.js';
import * as callHistory from './migrations/004-call-history.js';
import * as voicemailRecordings from './migrations/005-voicemail-recordings.js';
import * as privacy from './migrations/006-privacy.js';

/** Migrations in the order they run; the name is the number plus what it does. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-meetings': meetings,
  '003-live-calls': liveCalls,
  '004-call-history': callHistory,
  '005-voicemail-recordings': voicemailRecordings,
  '006-privacy': privacy,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date. Kysely's migrator takes a lock in the database, so several
 * instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(database: DatabaseHandle): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();

  if (error) throw new Error('Database migration failed', { cause: error });

  return (results ?? []).map((result) => result.migrationName);
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
