import { type Migration, type MigrationResultSet, Migrator, type MigrationProvider, NO_MIGRATIONS } from 'kysely';
import type { DatabaseHandle, Db } from './connect.js';
import type { Dialect, MigrationContext } from './migration-context.js';
import { refreshStatistics } from './statistics.js';
import * as m0001 from './migrations/0001_initial_schema.js';
import * as m0002 from './migrations/0002_record_versions.js';
import * as m0003 from './migrations/0003_events_and_jobs.js';
import * as m0004 from './migrations/0004_protect_activity_log.js';
import * as m0005 from './migrations/0005_list_indexes.js';
import * as m0006 from './migrations/0006_search_index.js';
import * as m0007 from './migrations/0007_report_indexes.js';
import * as m0008 from './migrations/0008_notifications.js';
import * as m0010 from './migrations/0010_password_change_and_notes_search.js';
import * as m0011 from './migrations/0011_batches.js';
import * as m0012 from './migrations/0012_saved_views.js';
import * as m0013 from './migrations/0013_grid_notes_log.js';
import * as m0014 from './migrations/0014_automations.js';
import * as m0015 from './migrations/0015_identity.js';
import * as m0016 from './migrations/0016_email.js';
import * as m0017 from './migrations/0017_imports.js';
import * as m0018 from './migrations/0018_legacy_import.js';
import * as m0019 from './migrations/0019_backups.js';
import * as m0020 from './migrations/0020_retrieval.js';
import * as m0021 from './migrations/0021_agent_writes.js';
import * as m0022 from './migrations/0022_redaction_placeholders.js';
import * as m0023 from './migrations/0023_retrieval_vocabulary.js';
import * as m0024 from './migrations/0024_retrieval_vector_hash.js';
import * as m0025 from './migrations/0025_retrieval_folded_tsv.js';
import * as m0026 from './migrations/0026_retrieval_vectors_bytes.js';
import * as m0027 from './migrations/0027_retrieval_pgvector.js';

interface MigrationModule {
  /* biome-ignore lint/suspicious/noExplicitAny: migrations run on an untyped Kysely by design */
  up(db: any, context: MigrationContext): Promise<void>;
  /* biome-ignore lint/suspicious/noExplicitAny: see above */
  down(db: any, context: MigrationContext): Promise<void>;
}

/** Append-only list: a landed migration is never edited, only followed by a new one. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '0001_initial_schema': m0001,
  '0002_record_versions': m0002,
  '0003_events_and_jobs': m0003,
  '0004_protect_activity_log': m0004,
  '0005_list_indexes': m0005,
  '0006_search_index': m0006,
  '0007_report_indexes': m0007,
  '0008_notifications': m0008,
  '0010_password_change_and_notes_search': m0010,
  '0011_batches': m0011,
  '0012_saved_views': m0012,
  '0013_grid_notes_log': m0013,
  '0014_automations': m0014,
  '0015_identity': m0015,
  '0016_email': m0016,
  '0017_imports': m0017,
  '0018_legacy_import': m0018,
  '0019_backups': m0019,
  '0020_retrieval': m0020,
  '0021_agent_writes': m0021,
  '0022_redaction_placeholders': m0022,
  '0023_retrieval_vocabulary': m0023,
  '0024_retrieval_vector_hash': m0024,
  '0025_retrieval_folded_tsv': m0025,
  '0026_retrieval_vectors_bytes': m0026,
  '0027_retrieval_pgvector': m0027,
};

/** Every migration this build knows, in the order they apply. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

export const MIGRATION_TABLE = 'schema_migrations';
export const MIGRATION_LOCK_TABLE = 'schema_migrations_lock';

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly context: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, module]) => [name, { up: (db) => module.up(db, this.context), down: (db) => module.down(db, this.context) }]),
    );
  }
}

/** Migrations and the ledger run on the owner's connection (see DatabaseHandle.withOwner). */
function migratorFor(db: Db, dialect: Dialect): Migrator {
  return new Migrator({
    // Migrations spell table and column names in snake_case themselves.
    db: db.withoutPlugins(),
    provider: new StaticMigrationProvider({ dialect }),
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

export function schemaState(handle: DatabaseHandle): Promise<SchemaState> {
  return handle.withOwner((db) => schemaStateOn(db, handle.dialect));
}

async function schemaStateOn(db: Db, dialect: Dialect): Promise<SchemaState> {
  const known = await migratorFor(db, dialect).getMigrations();
  const ledger = await readLedger(db);
  const unknown = ledger.filter((name) => !(name in MIGRATIONS));
  return {
    migrations: known.map((m) => ({ name: m.name, executedAt: m.executedAt?.toISOString() ?? null })),
    pending: known.filter((m) => !m.executedAt).map((m) => m.name),
    unknown,
  };
}

async function readLedger(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const rows = await db
    .withoutPlugins()
    .selectFrom(MIGRATION_TABLE as never)
    .select('name' as never)
    .execute();
  return (rows as { name: string }[]).map((r) => r.name);
}

/** Refuse to touch a database that a newer LP Desk has migrated. */
export function assertNotNewerThanCode(handle: DatabaseHandle): Promise<void> {
  return handle.withOwner((db) => assertNotNewerOn(db, handle.dialect));
}

async function assertNotNewerOn(db: Db, dialect: Dialect): Promise<void> {
  const state = await schemaStateOn(db, dialect);
  if (state.unknown.length > 0) {
    throw new MigrationError(
      `The database has migrations this version of LP Desk does not know (${state.unknown.join(', ')}). ` +
        'It was upgraded by a newer LP Desk; run that version, or restore a backup.',
    );
  }
}

export function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return handle.withOwner(async (db) => {
    await assertNotNewerOn(db, handle.dialect);
    const applied = unwrap(await migratorFor(db, handle.dialect).migrateToLatest());
    // New indexes should be planned with statistics from the first query; runs as the owner.
    if (applied.length > 0) await refreshStatistics(db, handle.dialect);
    return applied;
  });
}

export function migrateDown(handle: DatabaseHandle, steps = 1): Promise<string[]> {
  return handle.withOwner(async (db) => {
    await assertNotNewerOn(db, handle.dialect);
    const migrator = migratorFor(db, handle.dialect);
    const undone: string[] = [];
    for (let i = 0; i < steps; i += 1) {
      const names = unwrap(await migrator.migrateDown());
      if (names.length === 0) break;
      undone.push(...names);
    }
    return undone;
  });
}

export function migrateAllDown(handle: DatabaseHandle): Promise<string[]> {
  return handle.withOwner(async (db) => {
    await assertNotNewerOn(db, handle.dialect);
    return unwrap(await migratorFor(db, handle.dialect).migrateTo(NO_MIGRATIONS));
  });
}
