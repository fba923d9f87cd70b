import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * CSV/TSV imports (core/imports, issue 13):
 * - `imports`: one row per uploaded file: the decoded text (so a run can resume after a crash), the
 *   mapping and options of its run, status, the cursor (`processed_rows`) and totals, who and when;
 * - `import_rows`: what the run did with each line, and for updates the values before and after, so an
 *   undo can trash what it created and put back what it changed (unless someone changed it since);
 * - `import_mappings`: the last mapping used per entity and header signature, offered next time.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    .addColumn('columns_json', 'text', (c) => c.notNull())
    .addColumn('header_signature', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('mapping_json', 'text')
    .addColumn('options_json', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totals_json', 'text')
    .addColumn('error', 'text')
    .addColumn('actor_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('heartbeat_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'text')
    .execute();
  await sql`CREATE INDEX imports_created_idx ON imports (created_at)`.execute(db);
  await s
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'line'])
    .execute();
  await s
    .createTable('import_mappings')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('header_signature', 'text', (c) => c.notNull())
    .addColumn('mapping_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('import_mappings_pk', ['entity', 'header_signature'])
    .execute();
  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON imports, import_rows, import_mappings TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('import_mappings').ifExists().execute();
  await db.schema.dropTable('import_rows').ifExists().execute();
  await sql`DROP INDEX IF EXISTS imports_created_idx`.execute(db);
  await db.schema.dropTable('imports').ifExists().execute();
}
