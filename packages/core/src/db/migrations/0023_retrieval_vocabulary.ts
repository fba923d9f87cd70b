import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * SQLite: how many chunks hold each word (an fts5vocab view of the full-text index, no storage of its
 * own). The sparse search leg reads it to search the rarer query words first (retrieval/sparse-sqlite.ts).
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'sqlite') return;
  await sql.raw(`CREATE VIRTUAL TABLE retrieval_chunks_fts_vocab USING fts5vocab(retrieval_chunks_fts, 'row')`).execute(db);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'sqlite') return;
  await sql.raw('DROP TABLE IF EXISTS retrieval_chunks_fts_vocab').execute(db);
}
