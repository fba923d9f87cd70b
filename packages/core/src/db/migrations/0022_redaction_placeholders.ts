import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * Redaction for agents (core/redaction): the placeholders issued in one MCP session and the real values
 * behind them, so "[PERSON_3]" means the same person for the whole session, in every process serving it.
 * The table is never returned to a model; it is the only place that maps a placeholder back.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('redaction_placeholders')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('placeholder', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('redaction_placeholders_pk', ['session_id', 'placeholder'])
    .addUniqueConstraint('redaction_placeholders_value_uq', ['session_id', 'value_key'])
    .execute();
  await db.schema.createIndex('redaction_placeholders_created_idx').on('redaction_placeholders').columns(['created_at']).execute();

  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON redaction_placeholders TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('redaction_placeholders').ifExists().execute();
}
