import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

const NEW_TABLES = [
  'email_mailboxes',
  'email_folder_cursors',
  'email_sync_runs',
  'email_threads',
  'email_messages',
  'email_message_refs',
  'email_message_addresses',
  'email_sightings',
  'email_blobs',
  'email_attachments',
  'email_links',
  'email_thread_overrides',
  'email_capture_blocks',
];

/**
 * Email capture (core/email): team mailboxes with encrypted credentials, per-folder sync cursors and run
 * records; messages stored once per Message-ID with a sighting per mailbox and folder; threads; the
 * addresses each message names (what matching and re-matching read); attachments content-addressed by
 * SHA-256; links to contacts and organizations; manual thread links and unlinks; "do not capture".
 * Communications gain a direction and the captured message they show on timelines.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  const bytes = context.dialect === 'postgres' ? 'bytea' : 'blob';

  await s
    .createTable('email_mailboxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('owner_user_id', 'text')
    // Non-secret settings (host, port, secure, username, folders, Gmail user and auth mode) as JSON.
    .addColumn('settings_json', 'text', (c) => c.notNull())
    // AES-256-GCM (core/email/credentials.ts): never returned by any door.
    .addColumn('credentials_enc', 'text')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .execute();

  // Where each folder's incremental sync stands: IMAP UIDVALIDITY and last UID, or a Gmail historyId.
  await s
    .createTable('email_folder_cursors')
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('email_mailboxes.id').onDelete('cascade'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('history_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_folder_cursors_pk', ['mailbox_id', 'folder'])
    .execute();

  await s
    .createTable('email_sync_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('email_mailboxes.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_messages_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('folders_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('duration_ms', 'integer')
    .execute();
  await s.createIndex('email_sync_runs_mailbox_idx').on('email_sync_runs').columns(['mailbox_id', 'started_at']).execute();

  await s
    .createTable('email_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text')
    // The provider's own thread id (Gmail), when the headers do not join two messages.
    .addColumn('provider_thread_id', 'text')
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('email_threads_provider_idx').on('email_threads').columns(['provider_thread_id']).execute();

  await s
    .createTable('email_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Angle brackets removed; a message without one gets a hash of its headers (core/email/pipeline).
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('email_threads.id'))
    .addColumn('subject', 'text')
    .addColumn('from_json', 'text')
    .addColumn('to_json', 'text', (c) => c.notNull())
    .addColumn('cc_json', 'text', (c) => c.notNull())
    // Only a sender's own copy (a Sent folder) carries Bcc.
    .addColumn('bcc_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('size', 'integer')
    .addColumn('has_body', 'integer', (c) => c.notNull().defaultTo(0))
    // Linked but the body is not here yet: the next sync of a mailbox that saw it fetches it.
    .addColumn('needs_body', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    .addColumn('snippet', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('communication_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('email_messages_thread_idx').on('email_messages').columns(['thread_id', 'sent_at']).execute();
  await s.createIndex('email_messages_sent_idx').on('email_messages').columns(['sent_at']).execute();
  await s.createIndex('email_messages_needs_body_idx').on('email_messages').columns(['needs_body']).execute();

  // Every Message-ID a message names in References and In-Reply-To: threads join however mail arrives.
  await s
    .createTable('email_message_refs')
    .addColumn('message_row_id', 'text', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('ref_message_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_message_refs_pk', ['ref_message_id', 'message_row_id'])
    .execute();
  await s.createIndex('email_message_refs_row_idx').on('email_message_refs').columns(['message_row_id']).execute();

  // Every address a message names (from, to, cc), normalized: matching and re-matching are joins on these.
  await s
    .createTable('email_message_addresses')
    .addColumn('message_row_id', 'text', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    // identity's matching form of the address (case, Gmail dots and +tags).
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_message_addresses_pk', ['message_row_id', 'role', 'address'])
    .execute();
  await s.createIndex('email_message_addresses_key_idx').on('email_message_addresses').columns(['match_key']).execute();
  await s.createIndex('email_message_addresses_domain_idx').on('email_message_addresses').columns(['domain']).execute();

  // One per mailbox and folder that holds the message; locator is the provider's handle (IMAP UID, Gmail id).
  await s
    .createTable('email_sightings')
    .addColumn('message_row_id', 'text', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('mailbox_id', 'text', (c) => c.notNull().references('email_mailboxes.id').onDelete('cascade'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('uid_validity', 'text')
    .addColumn('locator', 'text', (c) => c.notNull())
    .addColumn('provider_thread_id', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_sightings_pk', ['mailbox_id', 'folder', 'message_row_id'])
    .execute();
  await s.createIndex('email_sightings_row_idx').on('email_sightings').columns(['message_row_id']).execute();

  await s
    .createTable('email_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('email_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_row_id', 'text', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // 0 when over the size limit: listed, bytes not kept (no email_blobs row).
    .addColumn('stored', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('email_attachments_row_idx').on('email_attachments').columns(['message_row_id']).execute();
  await s.createIndex('email_attachments_sha_idx').on('email_attachments').columns(['sha256']).execute();

  await s
    .createTable('email_links')
    .addColumn('message_row_id', 'text', (c) => c.notNull().references('email_messages.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('matched_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_links_pk', ['message_row_id', 'entity_type', 'entity_id'])
    .execute();
  await s.createIndex('email_links_entity_idx').on('email_links').columns(['entity_id']).execute();

  // Manual decisions on a whole thread: link (added to every message) or unlink (never matched again).
  await s
    .createTable('email_thread_overrides')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('email_threads.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('email_thread_overrides_pk', ['thread_id', 'entity_type', 'entity_id'])
    .execute();

  await s
    .createTable('email_capture_blocks')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('email_capture_blocks_pk', ['entity_type', 'entity_id'])
    .execute();

  await s.alterTable('communications').addColumn('direction', 'text').execute();
  await s.alterTable('communications').addColumn('email_message_id', 'text').execute();
  await s.createIndex('communications_email_message_idx').on('communications').columns(['email_message_id']).execute();

  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON ${NEW_TABLES.join(', ')} TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('communications_email_message_idx').ifExists().execute();
  await db.schema.alterTable('communications').dropColumn('email_message_id').execute();
  await db.schema.alterTable('communications').dropColumn('direction').execute();
  for (const table of [...NEW_TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
