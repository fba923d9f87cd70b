import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

const NEW_TABLES = ['agent_calls', 'agent_idempotency', 'agent_proposals'];

/**
 * Agents over MCP (core/agents, docs/mcp.md): per agent key its redaction and write mode; the log of
 * every tool call; the results of writes by idempotency key; and the proposals of approval-mode keys.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('redaction', 'text', (c) => c.notNull().defaultTo('off'))
    .execute();
  await db.schema
    .alterTable('api_keys')
    .addColumn('writes', 'text', (c) => c.notNull().defaultTo('direct'))
    .execute();

  await db.schema
    .createTable('agent_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('arguments_json', 'text', (c) => c.notNull())
    .addColumn('result_bytes', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('proposal_id', 'text')
    .execute();
  await db.schema.createIndex('agent_calls_at_idx').on('agent_calls').columns(['at', 'id']).execute();
  await db.schema.createIndex('agent_calls_key_idx').on('agent_calls').columns(['api_key_id', 'at']).execute();

  await db.schema
    .createTable('agent_idempotency')
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('arguments_hash', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_idempotency_pk', ['api_key_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('agent_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('api_key_id', 'text', (c) => c.notNull())
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('arguments_json', 'text', (c) => c.notNull())
    .addColumn('input_json', 'text', (c) => c.notNull())
    .addColumn('diff_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('result_json', 'text')
    .execute();
  await db.schema.createIndex('agent_proposals_status_idx').on('agent_proposals').columns(['status', 'created_at']).execute();

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
  await db.schema.alterTable('api_keys').dropColumn('writes').execute();
  await db.schema.alterTable('api_keys').dropColumn('redaction').execute();
}
