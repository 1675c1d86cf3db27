import type { Kysely } from 'kysely';

// Voicemails (transcript text, never audio), phone-call recordings (Zoom's ids and download
// reference, never audio) and the access log of recording plays (issue 6, DESIGN.md §3).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('voicemails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('zoom_voicemail_id', 'text', (c) => c.notNull())
    .addColumn('zoom_call_id', 'text')
    .addColumn('call_id', 'text')
    .addColumn('caller_number_raw', 'text')
    .addColumn('caller_e164', 'text')
    .addColumn('caller_name', 'text')
    .addColumn('download_file_id', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    .addColumn('transcript', 'text')
    .addColumn('transcript_engine', 'text')
    .addColumn('zoom_transcript', 'text')
    .addColumn('retry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('voicemails_owner_zoom_id', ['owner_id', 'zoom_voicemail_id'])
    .execute();

  await db.schema
    .createIndex('voicemails_owner_received')
    .on('voicemails')
    .columns(['owner_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('phone_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('zoom_recording_id', 'text', (c) => c.notNull())
    .addColumn('zoom_call_id', 'text')
    .addColumn('download_file_id', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer')
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('phone_recordings_owner_zoom_id', ['owner_id', 'zoom_recording_id'])
    .execute();

  await db.schema
    .createIndex('phone_recordings_owner_call')
    .on('phone_recordings')
    .columns(['owner_id', 'zoom_call_id'])
    .execute();

  await db.schema
    .createTable('recording_plays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('range', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('played_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('recording_plays_recording')
    .on('recording_plays')
    .columns(['recording_id', 'played_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recording_plays').execute();
  await db.schema.dropTable('phone_recordings').execute();
  await db.schema.dropTable('voicemails').execute();
}
