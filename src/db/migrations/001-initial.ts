import type { Kysely } from 'kysely';

// One schema for SQLite and PostgreSQL: `bigint` gets INTEGER affinity in SQLite, `text` and
// `integer` mean the same in both. Never edit a migration after it has landed; add a new one.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('default_region', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('contacts_owner').on('contacts').columns(['owner_id']).execute();

  await db.schema
    .createTable('contact_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('e164', 'text')
    .addColumn('extension', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  // Contact matching looks a number up by its normalised key within one agent's book.
  await db.schema
    .createIndex('contact_phones_owner_e164')
    .on('contact_phones')
    .columns(['owner_id', 'e164'])
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('starts_at', 'bigint')
    .addColumn('time_zone', 'text')
    .addColumn('duration_minutes', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('activities_owner').on('activities').columns(['owner_id']).execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('zoom_call_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('external_number_raw', 'text')
    .addColumn('external_number_e164', 'text')
    .addColumn('external_name', 'text')
    .addColumn('external_kind', 'text', (c) => c.notNull())
    .addColumn('match', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('talk_seconds', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('calls_owner_zoom_call', ['owner_id', 'zoom_call_id'])
    .execute();

  await db.schema
    .createIndex('calls_owner_started')
    .on('calls')
    .columns(['owner_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('call_contacts')
    .addColumn('call_id', 'text', (c) => c.notNull().references('calls.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('contacts.id').onDelete('cascade'),
    )
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_contacts_pk', ['call_id', 'contact_id'])
    .execute();

  await db.schema
    .createIndex('call_contacts_contact')
    .on('call_contacts')
    .columns(['contact_id'])
    .execute();

  await db.schema
    .createTable('zoom_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) =>
      c.notNull().unique().references('users.id').onDelete('cascade'),
    )
    .addColumn('zoom_user_id', 'text', (c) => c.notNull())
    .addColumn('zoom_account_id', 'text', (c) => c.notNull())
    .addColumn('zoom_email', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('access_token_enc', 'text')
    .addColumn('refresh_token_enc', 'text')
    .addColumn('key_id', 'text')
    .addColumn('access_expires_at', 'bigint')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refresh_lock_owner', 'text')
    .addColumn('refresh_lock_until', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('meetings_state', 'text', (c) => c.notNull())
    .addColumn('phone_state', 'text', (c) => c.notNull())
    .addColumn('phone_user_id', 'text')
    .addColumn('phone_numbers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('phone_extension', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addColumn('authorized_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Webhooks name the Zoom user; this finds the CRM user behind them.
  await db.schema
    .createIndex('zoom_connections_zoom_user')
    .on('zoom_connections')
    .columns(['zoom_account_id', 'zoom_user_id'])
    .execute();

  await db.schema
    .createTable('oauth_states')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id_hash', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('code_verifier_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('zoom_account_id', 'text')
    .addColumn('zoom_user_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tracking_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('app_status')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pilot_allowlist')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addColumn('added_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'pilot_allowlist',
    'app_status',
    'jobs',
    'webhook_inbox',
    'oauth_states',
    'zoom_connections',
    'call_contacts',
    'calls',
    'activities',
    'contact_phones',
    'contacts',
    'sessions',
    'users',
  ];

  for (const table of tables) await db.schema.dropTable(table).execute();
}
