import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

const NEW_TABLES = ['identity_records', 'identity_record_keys', 'identity_suggestions', 'entity_merges', 'relationship_edges'];

/**
 * Identity and relationships (core/identity, core/relationships): source records and their blocking keys,
 * merge suggestions (a rejection is a remembered suggestion), reversible merges, relationship edges, and
 * works-at title and dates on contact ↔ organization links (people who move keep one identity).
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable('identity_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // The record as the source wrote it (contracts' IdentitySourceRecord): features are recomputed from it.
    .addColumn('record_json', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('identity_records_source_external_unique', ['source', 'external_id'])
    .execute();
  await s.createIndex('identity_records_entity_idx').on('identity_records').columns(['entity_id']).execute();

  // Blocking keys per record, so a new record finds its candidates without a full scan.
  await s
    .createTable('identity_record_keys')
    .addColumn('record_id', 'text', (c) => c.notNull().references('identity_records.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_record_keys_pk', ['key', 'record_id'])
    .execute();
  await s.createIndex('identity_record_keys_record_idx').on('identity_record_keys').columns(['record_id']).execute();
  await s.createIndex('identity_record_keys_entity_idx').on('identity_record_keys').columns(['entity_id']).execute();

  // One row per unordered pair (entity_a < entity_b): open, merged or rejected (a rejection is remembered).
  await s
    .createTable('identity_suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_a', 'text', (c) => c.notNull())
    .addColumn('entity_b', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addUniqueConstraint('identity_suggestions_pair_unique', ['entity_a', 'entity_b'])
    .execute();
  await s.createIndex('identity_suggestions_status_idx').on('identity_suggestions').columns(['status', 'confidence']).execute();
  await s.createIndex('identity_suggestions_b_idx').on('identity_suggestions').columns(['entity_b']).execute();

  // A merge keeps everything its undo needs: the rows it changed, moved or retired, as they were.
  await s
    .createTable('entity_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('survivor_id', 'text', (c) => c.notNull())
    .addColumn('merged_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision')
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await s.createIndex('entity_merges_survivor_idx').on('entity_merges').columns(['survivor_id', 'created_at']).execute();
  await s.createIndex('entity_merges_merged_idx').on('entity_merges').columns(['merged_id']).execute();

  // Derived (rebuildable) edges: introduced_by, met_together, knows; works_at lives on contact_organizations.
  await s
    .createTable('relationship_edges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_type', 'text', (c) => c.notNull())
    .addColumn('from_id', 'text', (c) => c.notNull())
    .addColumn('to_type', 'text', (c) => c.notNull())
    .addColumn('to_id', 'text', (c) => c.notNull())
    .addColumn('strength', 'double precision', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relationship_edges_unique', ['kind', 'from_id', 'to_id'])
    .execute();
  await s.createIndex('relationship_edges_to_idx').on('relationship_edges').columns(['to_id', 'kind']).execute();

  await s.alterTable('contact_organizations').addColumn('title', 'text').execute();
  await s.alterTable('contact_organizations').addColumn('started_on', 'text').execute();
  await s.alterTable('contact_organizations').addColumn('ended_on', 'text').execute();

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
  await db.schema.alterTable('contact_organizations').dropColumn('ended_on').execute();
  await db.schema.alterTable('contact_organizations').dropColumn('started_on').execute();
  await db.schema.alterTable('contact_organizations').dropColumn('title').execute();
  for (const table of [...NEW_TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
