import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

const NEW_TABLES = ['backups', 'backup_settings'];

/**
 * Backups (core/backups): one row per backup made (manual, scheduled, pre-restore) with its manifest's
 * facts, and the schedule and retention settings (one row, absent until an admin changes a default).
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('backups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('bytes', 'bigint')
    .addColumn('sha256', 'text')
    .addColumn('encrypted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('error', 'text')
    .addColumn('counts_json', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('backups_created_idx').on('backups').columns(['created_at']).execute();

  await db.schema
    .createTable('backup_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('keep_daily', 'integer', (c) => c.notNull())
    .addColumn('keep_weekly', 'integer', (c) => c.notNull())
    .addColumn('keep_monthly', 'integer', (c) => c.notNull())
    .addColumn('keep_pre_restore_days', 'integer', (c) => c.notNull())
    .addColumn('directory', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

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
  for (const table of [...NEW_TABLES].reverse()) await db.schema.dropTable(table).ifExists().execute();
}
