import type { Kysely } from 'kysely';

// Live calls (issue 4): what call-status events taught us beyond the call row (which line it
// rang on, an end request, a call-back item), the dial intents of Call buttons, and the
// per-user event log behind GET /api/events with its sequence counter.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('live_calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey().references('calls.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('end_state', 'text')
    .addColumn('end_requested_at', 'bigint')
    .addColumn('callback_state', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('live_calls_owner_callback')
    .on('live_calls')
    .columns(['owner_id', 'callback_state'])
    .execute();

  await db.schema
    .createTable('dial_intents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('e164', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.references('calls.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  // An outbound call's first event looks up the agent's latest click on that number.
  await db.schema
    .createIndex('dial_intents_user_number')
    .on('dial_intents')
    .columns(['user_id', 'e164', 'created_at'])
    .execute();

  // One row per user: the last event sequence number handed out. Bumping it locks the row, so
  // a user's events commit in sequence order on PostgreSQL too (see event-publisher.ts).
  await db.schema
    .createTable('realtime_streams')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('realtime_events')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('realtime_events_pk', ['user_id', 'seq'])
    .addUniqueConstraint('realtime_events_user_key', ['user_id', 'dedupe_key'])
    .execute();

  await db.schema
    .createIndex('realtime_events_created')
    .on('realtime_events')
    .columns(['created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['realtime_events', 'realtime_streams', 'dial_intents', 'live_calls']) {
    await db.schema.dropTable(table).execute();
  }
}
