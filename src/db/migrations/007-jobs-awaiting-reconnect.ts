import type { Kysely } from 'kysely';

// Zoom work held while a user's grant is dead ("Reconnect needed"): the job's name and payload
// (ids only, never tokens), queued again when the agent reconnects. See
// src/integrations/zoom/reconnect-hold.ts.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs_awaiting_reconnect')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('held_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('jobs_awaiting_reconnect_user')
    .on('jobs_awaiting_reconnect')
    .columns(['user_id', 'held_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs_awaiting_reconnect').execute();
}
