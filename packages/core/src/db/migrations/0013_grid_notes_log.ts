import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * The fundraising grid (issue 10):
 * - `organizations.lead_source`: where the investor came from (free text, a grid column);
 * - `organization_notes`: the per-investor outreach log. Append-only: entries are never edited or
 *   deleted (they hide with their organization in the trash). `noted_on` is a calendar day in the
 *   team's time zone (DELETE is granted only for the admin's trash purge); `communication_id` links an entry appended while logging a communication.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('lead_source', 'text').execute();
  await db.schema
    .createTable('organization_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('noted_on', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('communication_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX organization_notes_org_idx ON organization_notes (organization_id, noted_on, created_at)`.execute(db);
  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, DELETE ON organization_notes TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await sql`DROP INDEX IF EXISTS organization_notes_org_idx`.execute(db);
  await db.schema.dropTable('organization_notes').ifExists().execute();
  await db.schema.alterTable('organizations').dropColumn('lead_source').execute();
}
