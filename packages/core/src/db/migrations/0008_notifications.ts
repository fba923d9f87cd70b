import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * The notification centre (core/notifications): one row per thing a user should see in the bell, the
 * users' own notification settings, and a ledger of digest emails sent so each goes out once a day.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    // What makes two notifications the same one (a mention of a record, a reminder for a task on a day):
    // the unique index below turns a replayed event or a second job run into a no-op.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await s.createIndex('notifications_recipient_dedupe_unique').on('notifications').columns(['recipient_id', 'dedupe_key']).unique().execute();
  // The bell's list: a user's notifications, newest first, the id breaking ties.
  await s.createIndex('notifications_recipient_created_idx').on('notifications').columns(['recipient_id', 'created_at', 'id']).execute();
  // The bell's count, polled: only unread rows are in this index, so it stays small however long the history.
  await s.createIndex('notifications_recipient_unread_idx').on('notifications').column('recipient_id').where(sql.ref('read_at'), 'is', null).execute();

  await s
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('email_digest', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per user per team-local day whose digest went out (or is going out): the claim that makes
  // the digest job safe to re-run and to run on several workers.
  await s
    .createTable('notification_digests')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_digests_pk', ['user_id', 'day'])
    .execute();
  if (context.dialect === 'postgres') await grantToAppRole(db);
}

/** As in 0006: default privileges cover these tables, unless 0004 ran under another owner. */
async function grantToAppRole(db: AnyDb): Promise<void> {
  await sql
    .raw(
      `DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          GRANT SELECT, INSERT, UPDATE, DELETE ON notifications, notification_preferences, notification_digests TO ${APP_ROLE};
        END IF;
      END $$`,
    )
    .execute(db);
}

export async function down(db: AnyDb, _context: MigrationContext): Promise<void> {
  await db.schema.dropTable('notification_digests').ifExists().execute();
  await db.schema.dropTable('notification_preferences').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
}
