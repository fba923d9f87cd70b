import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

// Migrations speak snake_case: they run on a Kysely instance without the CamelCasePlugin.
/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

const TABLES_IN_CREATION_ORDER = ['outbox_events', 'event_subscriptions', 'jobs', 'job_schedules'];

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const s = db.schema;

  // The transactional outbox: one row per activity-log entry, written in the same transaction as the
  // change. `position` orders delivery; SQLite's AUTOINCREMENT and PostgreSQL's sequence never reuse a
  // value, and the write path makes commit order equal position order (see kernel/outbox.ts).
  let outbox = s.createTable('outbox_events');
  outbox =
    context.dialect === 'sqlite'
      ? outbox.addColumn('position', 'integer', (c) => c.primaryKey().autoIncrement())
      : outbox.addColumn('position', 'bigserial', (c) => c.primaryKey());
  await outbox
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('version', 'integer')
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('door', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('diff_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('outbox_events_at_idx').on('outbox_events').column('at').execute();

  // One cursor per subscriber. The lease columns guard delivery where there is no row lock to hold
  // (SQLite, PGlite); PostgreSQL servers lock the row instead.
  await s
    .createTable('event_subscriptions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('retry_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('result_json', 'text')
    .execute();
  // What a runner asks for: due jobs by status and time, and expired leases.
  await s.createIndex('jobs_status_run_at_idx').on('jobs').columns(['status', 'run_at']).execute();
  await s.createIndex('jobs_created_at_idx').on('jobs').column('created_at').execute();
  await s
    .createIndex('jobs_idempotency_key_unique')
    .on('jobs')
    .column('idempotency_key')
    .unique()
    .where((eb) => eb('idempotency_key', 'is not', null))
    .execute();

  await s
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [...TABLES_IN_CREATION_ORDER].reverse()) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
