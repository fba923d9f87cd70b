import { type Migration, type MigrationResultSet, Migrator, type MigrationProvider, NO_MIGRATIONS } from 'kysely';
import type { DatabaseHandle } from './connect.js';
import type { MigrationContext } from './migration-context.js';
import * as m0001 from './migrations/0001_initial_schema.js';
import * as m0003 from './migrations/0003_events_and_jobs.js';

interface MigrationModule {
  /* biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design */
  up(db: any, context: MigrationContext): Promise<void>;
  /* biome-ignore lint/suspicious/noExplicitAny: see above */
  down(db: any, context: MigrationContext): Promise<void>;
}

/** Append-only list: a landed migration is never edited, only followed by a new one. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '0001_initial_schema': m0001,
  '0003_events_and_jobs': m0003,
};

export const MIGRATION_TABLE = 'schema_migrations';
export const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly context: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, module]) => [
        name,
        { up: (db) => module.up(db, this.context), down: (db) => module.down(db, this.context) },
      ]),
    );
  }
}

function migratorFor(handle: DatabaseHandle): Migrator {
  return new Migrator({
    // Migrations spell table and column names in snake_case themselves.
    db: handle.db.withoutPlugins(),
    provider: new StaticMigrationProvider({ dialect: handle.dialect }),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

export class MigrationError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'MigrationError';
  }
}

function unwrap(result: MigrationResultSet): string[] {
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new MigrationError(`Migration ${failed ?? ''} failed: ${(result.error as Error).message}`, result.error);
  }
  return applied;
}

export interface MigrationStatus {
  name: string;
  executedAt: string | null;
}

export interface SchemaState {
  migrations: MigrationStatus[];
  pending: string[];
  /** Names recorded in the ledger that this build does not know: the database is newer than the code. */
  unknown: string[];
}

export async function schemaState(handle: DatabaseHandle): Promise<SchemaState> {
  const known = await migratorFor(handle).getMigrations();
  const ledger = await readLedger(handle);
  const unknown = ledger.filter((name) => !(name in MIGRATIONS));
  return {
    migrations: known.map((m) => ({ name: m.name, executedAt: m.executedAt?.toISOString() ?? null })),
    pending: known.filter((m) => !m.executedAt).map((m) => m.name),
    unknown,
  };
}

async function readLedger(handle: DatabaseHandle): Promise<string[]> {
  const tables = await handle.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await handle.db
    .withoutPlugins()
    .selectFrom(MIGRATION_TABLE as never)
    .select('name' as never)
    .execute();
  return (rows as { name: string }[]).map((r) => r.name);
}

/** Refuse to touch a database that a newer LP Desk has migrated. */
export async function assertNotNewerThanCode(handle: DatabaseHandle): Promise<void> {
  const state = await schemaState(handle);
  if (state.unknown.length > 0) {
    throw new MigrationError(
      `The database has migrations this version of LP Desk does not know (${state.unknown.join(', ')}). ` +
        'It was upgraded by a newer LP Desk; run that version, or restore a backup.',
    );
  }
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  await assertNotNewerThanCode(handle);
  return unwrap(await migratorFor(handle).migrateToLatest());
}

export async function migrateDown(handle: DatabaseHandle, steps = 1): Promise<string[]> {
  await assertNotNewerThanCode(handle);
  const migrator = migratorFor(handle);
  const undone: string[] = [];
  for (let i = 0; i < steps; i += 1) {
    const names = unwrap(await migrator.migrateDown());
    if (names.length === 0) break;
    undone.push(...names);
  }
  return undone;
}

export async function migrateAllDown(handle: DatabaseHandle): Promise<string[]> {
  await assertNotNewerThanCode(handle);
  return unwrap(await migratorFor(handle).migrateTo(NO_MIGRATIONS));
}
