import type { Kysely } from 'kysely';

// Zoom meetings made from activities, their cloud-recording files and the transcripts that
// come back (issue 3). Same conventions as 001: `bigint` epoch milliseconds, `text` ids.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per meeting 1Thing asked Zoom for. `activity_id` is unique, so a double click or a
  // retried request reserves the same row and Zoom is asked once; it becomes null when the
  // activity is deleted, which is how an orphan is found and deleted at Zoom.
  await db.schema
    .createTable('zoom_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity_id', 'text', (c) =>
      c.unique().references('activities.id').onDelete('set null'),
    )
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('zoom_meeting_id', 'text')
    .addColumn('zoom_uuid', 'text')
    .addColumn('join_url', 'text')
    .addColumn('passcode', 'text')
    .addColumn('zoom_start_time', 'text')
    .addColumn('zoom_timezone', 'text')
    .addColumn('synced_request', 'text')
    .addColumn('sync_state', 'text', (c) => c.notNull())
    .addColumn('problem_code', 'text')
    .addColumn('problem_message', 'text')
    .addColumn('problem_fields', 'text')
    .addColumn('retry_at', 'bigint')
    .addColumn('recording_state', 'text', (c) => c.notNull())
    .addColumn('transcript_state', 'text', (c) => c.notNull())
    .addColumn('transcript_reason', 'text')
    .addColumn('ended_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Recording events name the meeting by Zoom's number; this finds the CRM row behind it.
  await db.schema
    .createIndex('zoom_meetings_owner_zoom_id')
    .on('zoom_meetings')
    .columns(['owner_id', 'zoom_meeting_id'])
    .execute();

  // Field report 5: one row per recording file, keyed by meeting instance and file id under a
  // unique constraint, so duplicate deliveries (even concurrent ones) cannot add a second row.
  await db.schema
    .createTable('meeting_recording_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('zoom_meetings.id').onDelete('cascade'),
    )
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('zoom_uuid', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('file_type', 'text', (c) => c.notNull())
    .addColumn('file_extension', 'text')
    .addColumn('recording_type', 'text')
    .addColumn('file_size', 'bigint')
    .addColumn('status', 'text')
    .addColumn('download_url', 'text')
    .addColumn('download_token_enc', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('meeting_recording_files_uuid_file', ['zoom_uuid', 'file_id'])
    .execute();

  // The transcript text lives with the activity: deleting the activity deletes it.
  await db.schema
    .createTable('meeting_transcripts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) =>
      c.notNull().references('activities.id').onDelete('cascade'),
    )
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('zoom_meetings.id').onDelete('cascade'),
    )
    .addColumn('zoom_uuid', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('turns', 'text', (c) => c.notNull())
    .addColumn('cue_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('meeting_transcripts_meeting_file', ['meeting_id', 'file_id'])
    .execute();

  await db.schema
    .createIndex('meeting_transcripts_activity')
    .on('meeting_transcripts')
    .columns(['activity_id'])
    .execute();

  // Zoom's 100 meeting creates/updates per host per UTC day (API.md §6.1): once hit, no call to
  // those endpoints for that user until `resume_at`.
  await db.schema
    .createTable('zoom_meeting_limits')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('resume_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'zoom_meeting_limits',
    'meeting_transcripts',
    'meeting_recording_files',
    'zoom_meetings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
