import { type Kysely, sql } from 'kysely';
import { newId } from '../../kernel/ids.js';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * The legacy tool's three hard-coded flags (graveyard, follow_up, everyone), as ordinary rules that
 * ship disabled: a team turns on the ones it wants and edits them like any other (docs/automations.md).
 * JSON here is frozen with the migration; later contract changes must not reach back into it.
 */
const EXAMPLES = [
  {
    name: 'Graveyard',
    description: 'Tags a commitment "graveyard" when it moves to declined (the legacy graveyard flag).',
    trigger: { type: 'stage_changed', entityType: 'commitment', to: 'declined' },
    condition: null,
    actions: [{ type: 'add_tag', tag: 'graveyard' }],
  },
  {
    name: 'Follow-up',
    description:
      'Every morning at 08:00, creates a "Follow up" task on each organization nobody has touched (no logged communication) for 30 days and that has no open "Follow up" task yet (the legacy follow_up flag).',
    trigger: { type: 'schedule', entityType: 'organization', cron: '0 8 * * *' },
    condition: {
      match: 'all',
      conditions: [
        { field: 'lastTouchedOn', op: 'lt', value: '@today-30d' },
        { field: 'openTaskTitles', op: 'not_contains', value: 'Follow up' },
      ],
    },
    actions: [{ type: 'create_task', title: 'Follow up', dueInDays: 0 }],
  },
  {
    name: 'Everyone',
    description: 'Tags every new organization "everyone" (the legacy everyone list).',
    trigger: { type: 'created', entityType: 'organization' },
    condition: null,
    actions: [{ type: 'add_tag', tag: 'everyone' }],
  },
];

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;
  await s
    .createTable('automations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('trigger_json', 'text', (c) => c.notNull())
    .addColumn('condition_json', 'text')
    .addColumn('actions_json', 'text', (c) => c.notNull())
    .addColumn('example', 'integer', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    // When the rule was last enabled or its trigger changed: events committed before it are not its business.
    .addColumn('armed_at', 'text')
    .addColumn('scheduled_through', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .execute();
  await s
    .createTable('automation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('automation_id', 'text', (c) => c.notNull().references('automations.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .execute();
  // A rule applies once per cause and record: a redelivered event or a second schedule run is a no-op.
  await s.createIndex('automation_runs_once_unique').on('automation_runs').columns(['automation_id', 'cause', 'entity_id']).unique().execute();
  // The Runs tab: a rule's history, newest first.
  await s.createIndex('automation_runs_automation_at_idx').on('automation_runs').columns(['automation_id', 'at', 'id']).execute();
  const now = new Date().toISOString();
  await db
    .insertInto('automations')
    .values(
      EXAMPLES.map((example) => ({
        id: newId(),
        name: example.name,
        description: example.description,
        enabled: 0,
        trigger_json: JSON.stringify(example.trigger),
        condition_json: example.condition ? JSON.stringify(example.condition) : null,
        actions_json: JSON.stringify(example.actions),
        example: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  if (context.dialect === 'postgres') {
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON automations, automation_runs TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('automation_runs').ifExists().execute();
  await db.schema.dropTable('automations').ifExists().execute();
}
