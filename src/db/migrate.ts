import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as initial from './migrations/001-initial.js';

/** Migrations in the order they run; the name is the number plus what it does. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date. Kysely's migrator takes a lock in the database, so several
 * instances starting at once apply each migration exactly once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();

  if (error) throw new Error('Database migration failed', { cause: error });

  return (results ?? []).map((result) => result.migrationName);
}

export async function pendingMigrations(db: Db): Promise<number> {
  const all = await new Migrator({ db, provider }).getMigrations();

  return all.filter((migration) => !migration.executedAt).length;
}
