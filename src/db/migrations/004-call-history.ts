import { sql, type Kysely } from 'kysely';

// Call-history back-fill: Zoom's ids that link a call to its recording and voicemail, a
// back-fill run with its checkpoint, and a per-account pace so we stay under Zoom's limits.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('recording_id', 'text').execute();
  await db.schema.alterTable('calls').addColumn('voicemail_id', 'text').execute();

  // Every call now has a start time (its creation time until Zoom tells us better), so the
  // history views can page newest-first straight off this index.
  await sql`update calls set started_at = created_at where started_at is null`.execute(db);
  await db.schema
    .createIndex('calls_owner_started_id')
    .on('calls')
    .columns(['owner_id', 'started_at', 'id'])
    .execute();
  await db.schema.dropIndex('calls_owner_started').execute();

  await db.schema
    .createTable('backfill_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('window_index', 'integer', (c) => c.notNull())
    .addColumn('page_token', 'text')
    .addColumn('page_token_at', 'bigint')
    .addColumn('pages_fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('resume_at', 'bigint')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('backfill_runs_user')
    .on('backfill_runs')
    .columns(['user_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('zoom_request_pace')
    .addColumn('zoom_account_id', 'text', (c) => c.primaryKey())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('zoom_request_pace').execute();
  await db.schema.dropTable('backfill_runs').execute();
  await db.schema.dropIndex('calls_owner_started_id').execute();
  await db.schema
    .createIndex('calls_owner_started')
    .on('calls')
    .columns(['owner_id', 'started_at'])
    .execute();
  await db.schema.alterTable('calls').dropColumn('voicemail_id').execute();
  await db.schema.alterTable('calls').dropColumn('recording_id').execute();
}
