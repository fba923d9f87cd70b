import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;
type Table = CreateTableBuilder<string, never>;

const audited = (table: Table): Table =>
  table
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text');

const TABLES_IN_CREATION_ORDER = [
  'users',
  'sessions',
  'api_keys',
  'organizations',
  'organization_domains',
  'contacts',
  'contact_emails',
  'contact_phones',
  'contact_organizations',
  'funds',
  'commitments',
  'commitment_k1s',
  'stage_changes',
  'communications',
  'communication_links',
  'tasks',
  'tags',
  'entity_tags',
  'custom_field_definitions',
  'custom_field_values',
  'entity_aliases',
  'activity_log',
];

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  await audited(
    s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_normalized', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text')
      .addColumn('full_name', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('totp_secret', 'text'),
  ).execute();

  await s
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await s
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();

  await audited(
    s
      .createTable('organizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('website', 'text')
      .addColumn('description', 'text')
      .addColumn('location', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null')),
  ).execute();
  await s.createIndex('organizations_name_idx').on('organizations').column('name').execute();

  await s
    .createTable('organization_domains')
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_domains_pk', ['organization_id', 'domain'])
    .execute();
  await s.createIndex('organization_domains_domain_idx').on('organization_domains').column('domain').execute();

  await audited(
    s
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text')
      .addColumn('linkedin_url', 'text')
      .addColumn('location', 'text')
      .addColumn('preferred_channel', 'text')
      .addColumn('source', 'text')
      .addColumn('notes', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('accreditation_status', 'text', (c) => c.notNull())
      .addColumn('accreditation_method', 'text')
      .addColumn('accreditation_verified_on', 'text')
      .addColumn('accreditation_expires_on', 'text')
      .addColumn('qualified_purchaser', 'integer'),
  ).execute();
  await s.createIndex('contacts_name_idx').on('contacts').columns(['last_name', 'first_name']).execute();

  await s
    .createTable('contact_emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_normalized', 'text', (c) => c.notNull().unique())
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('contact_emails_contact_idx').on('contact_emails').column('contact_id').execute();

  await s
    .createTable('contact_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('phone_e164', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('contact_phones_contact_idx').on('contact_phones').column('contact_id').execute();
  await s.createIndex('contact_phones_phone_idx').on('contact_phones').column('phone_e164').execute();

  await s
    .createTable('contact_organizations')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('role', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('contact_organizations_pk', ['contact_id', 'organization_id'])
    .execute();
  await s.createIndex('contact_organizations_org_idx').on('contact_organizations').column('organization_id').execute();

  await audited(
    s
      .createTable('funds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('vintage', 'integer')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('target_amount', 'bigint')
      .addColumn('hard_cap_amount', 'bigint')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('exemption', 'text')
      .addColumn('first_close_on', 'text')
      .addColumn('final_close_on', 'text')
      .addColumn('description', 'text'),
  ).execute();

  await audited(
    s
      .createTable('commitments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
      .addColumn('fund_id', 'text', (c) => c.notNull().references('funds.id').onDelete('cascade'))
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('stage_changed_at', 'text', (c) => c.notNull())
      .addColumn('declined_reason', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('expected_amount', 'bigint')
      .addColumn('committed_amount', 'bigint')
      .addColumn('funded_amount', 'bigint')
      .addColumn('probability', 'integer')
      .addColumn('expected_close_on', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('primary_contact_id', 'text', (c) => c.references('contacts.id').onDelete('set null'))
      .addColumn('priority', 'text')
      .addColumn('next_step', 'text')
      .addColumn('source', 'text')
      .addColumn('subscription_docs_sent_on', 'text')
      .addColumn('subscription_docs_signed_on', 'text')
      .addColumn('side_letter', 'integer', (c) => c.notNull())
      .addColumn('wire_received_on', 'text')
      .addUniqueConstraint('commitments_investor_fund_unique', ['organization_id', 'fund_id']),
  ).execute();
  await s.createIndex('commitments_fund_stage_idx').on('commitments').columns(['fund_id', 'stage']).execute();

  await s
    .createTable('commitment_k1s')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('tax_year', 'integer', (c) => c.notNull())
    .addColumn('sent_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitment_k1s_pk', ['commitment_id', 'tax_year'])
    .execute();

  await s
    .createTable('stage_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .execute();
  await s.createIndex('stage_changes_commitment_idx').on('stage_changes').columns(['commitment_id', 'changed_at']).execute();
  await s.createIndex('stage_changes_changed_at_idx').on('stage_changes').column('changed_at').execute();

  await audited(
    s
      .createTable('communications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('body', 'text')
      .addColumn('outcome', 'text')
      .addColumn('next_action', 'text')
      .addColumn('next_action_due_on', 'text')
      .addColumn('duration_minutes', 'integer')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null')),
  ).execute();
  await s.createIndex('communications_occurred_at_idx').on('communications').column('occurred_at').execute();

  await s
    .createTable('communication_links')
    .addColumn('communication_id', 'text', (c) => c.notNull().references('communications.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('communication_links_pk', ['communication_id', 'entity_type', 'entity_id'])
    .execute();
  await s.createIndex('communication_links_entity_idx').on('communication_links').columns(['entity_type', 'entity_id']).execute();

  await audited(
    s
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('notes', 'text')
      .addColumn('due_on', 'text')
      .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('communication_id', 'text', (c) => c.references('communications.id').onDelete('set null')),
  ).execute();
  await s.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee_id', 'status', 'due_on']).execute();
  await s.createIndex('tasks_entity_idx').on('tasks').columns(['entity_type', 'entity_id']).execute();

  await audited(
    s
      .createTable('tags')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_normalized', 'text', (c) => c.notNull().unique())
      .addColumn('color', 'text', (c) => c.notNull()),
  ).execute();

  await s
    .createTable('entity_tags')
    .addColumn('tag_id', 'text', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('entity_tags_pk', ['tag_id', 'entity_type', 'entity_id'])
    .execute();
  await s.createIndex('entity_tags_entity_idx').on('entity_tags').columns(['entity_type', 'entity_id']).execute();

  await audited(
    s
      .createTable('custom_field_definitions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('options_json', 'text', (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('custom_field_definitions_key_unique', ['entity_type', 'key']),
  ).execute();

  await s
    .createTable('custom_field_values')
    .addColumn('definition_id', 'text', (c) => c.notNull().references('custom_field_definitions.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addColumn('value_json', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('custom_field_values_pk', ['definition_id', 'entity_id'])
    .execute();
  await s.createIndex('custom_field_values_entity_idx').on('custom_field_values').columns(['entity_type', 'entity_id']).execute();

  await s
    .createTable('entity_aliases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('entity_aliases_unique', ['entity_type', 'kind', 'source', 'value'])
    .execute();
  await s.createIndex('entity_aliases_entity_idx').on('entity_aliases').column('entity_id').execute();

  await s
    .createTable('activity_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('door', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('diff_json', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('activity_log_entity_idx').on('activity_log').columns(['entity_id', 'at']).execute();
  await s.createIndex('activity_log_actor_idx').on('activity_log').columns(['actor_id', 'at']).execute();
  await s.createIndex('activity_log_at_idx').on('activity_log').column('at').execute();

  await makeActivityLogAppendOnly(db, context);
}

/** The database itself refuses to alter history, whichever code path tries. */
async function makeActivityLogAppendOnly(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect === 'sqlite') {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER activity_log_no_${event.toLowerCase()} BEFORE ${event} ON activity_log
           BEGIN SELECT RAISE(ABORT, 'activity_log is append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION lpdesk_activity_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'activity_log is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER activity_log_no_update_delete BEFORE UPDATE OR DELETE ON activity_log
    FOR EACH ROW EXECUTE FUNCTION lpdesk_activity_log_append_only()`.execute(db);
  await sql`CREATE TRIGGER activity_log_no_truncate BEFORE TRUNCATE ON activity_log
    FOR EACH STATEMENT EXECUTE FUNCTION lpdesk_activity_log_append_only()`.execute(db);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS activity_log_no_update`.execute(db);
    await sql`DROP TRIGGER IF EXISTS activity_log_no_delete`.execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS activity_log_no_update_delete ON activity_log`.execute(db);
    await sql`DROP TRIGGER IF EXISTS activity_log_no_truncate ON activity_log`.execute(db);
    await sql`DROP FUNCTION IF EXISTS lpdesk_activity_log_append_only()`.execute(db);
  }
  for (const table of [...TABLES_IN_CREATION_ORDER].reverse()) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
