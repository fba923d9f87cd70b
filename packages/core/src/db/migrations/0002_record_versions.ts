import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/** Every user-facing record carries a version: +1 per change, for If-Match and the event stream. */
export const VERSIONED_TABLES = [
  'users',
  'organizations',
  'contacts',
  'funds',
  'commitments',
  'communications',
  'tasks',
  'tags',
  'custom_field_definitions',
] as const;

export async function up(db: AnyDb, _context: MigrationContext): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: AnyDb, _context: MigrationContext): Promise<void> {
  for (const table of [...VERSIONED_TABLES].reverse()) {
    await db.schema.alterTable(table).dropColumn('version').execute();
  }
}
