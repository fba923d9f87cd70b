import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * PostgreSQL: the content hash a vector was made from moves onto the vector row. Stamping it on the chunk
 * rewrote the chunk, and every rewrite of a chunk re-enters its words into the GIN index (50 ms per 256
 * chunks, half the cost of indexing). SQLite keeps `retrieval_chunks.vector_hash`: its full-text index
 * only follows changes of the header and body.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  await db.schema
    .alterTable('retrieval_vectors')
    .addColumn('content_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`UPDATE retrieval_vectors v SET content_hash = c.vector_hash FROM retrieval_chunks c WHERE c.id = v.chunk_row_id AND c.vector_hash IS NOT NULL`.execute(
    db,
  );
  await sql`UPDATE retrieval_chunks SET vector_hash = NULL WHERE vector_hash IS NOT NULL`.execute(db);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  await sql`UPDATE retrieval_chunks c SET vector_hash = v.content_hash FROM retrieval_vectors v WHERE c.id = v.chunk_row_id AND v.content_hash <> ''`.execute(
    db,
  );
  await db.schema.alterTable('retrieval_vectors').dropColumn('content_hash').execute();
}
