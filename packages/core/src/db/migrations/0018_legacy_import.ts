import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * Importing the legacy tool's database (core/legacy-import):
 * - `activity_log.historical`: 1 for entries carried over from the legacy audit log (their time, actor and
 *   action are the legacy ones); LP Desk's own entries, the importer's included, are 0.
 * - `legacy_import_rows`: one row per legacy row brought over (table + legacy id → the LP Desk entity and a
 *   fingerprint of what was read), so a re-run creates nothing and updates only what changed in the file.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('activity_log')
    .addColumn('historical', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('legacy_import_rows')
    .addColumn('source_table', 'text', (c) => c.notNull())
    .addColumn('legacy_id', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('legacy_import_rows_pk', ['source_table', 'legacy_id'])
    .execute();
  await sql`CREATE INDEX legacy_import_rows_entity_idx ON legacy_import_rows (entity_id)`.execute(db);
  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON legacy_import_rows TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP INDEX IF EXISTS legacy_import_rows_entity_idx`.execute(db);
  await db.schema.dropTable('legacy_import_rows').ifExists().execute();
  await db.schema.alterTable('activity_log').dropColumn('historical').execute();
}
