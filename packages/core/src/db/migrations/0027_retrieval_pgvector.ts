import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * PostgreSQL with pgvector: where the `vector` extension is installed on the server (or this role may
 * create it), each retrieval vector is also kept as a pgvector `vector`, and the dense leg ranks in the
 * database (`<=>`, cosine distance) instead of in each server process's memory (retrieval/pgvector.ts).
 * Without the extension nothing changes. The column has no fixed width: the embedder, and so the
 * dimensions, can change (the vectors are then rebuilt).
 */
const BATCH = 1_000;

/** Float32 values as pgvector's text form; 9 significant digits give each float32 back exactly. */
const literal = (bytes: Uint8Array) => {
  const copy = Uint8Array.from(bytes);
  return `[${Array.from(new Float32Array(copy.buffer, 0, copy.byteLength >> 2), (x) => Number(x.toPrecision(9))).join(',')}]`;
};

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  const available = await sql<{ name: string }>`SELECT name FROM pg_available_extensions WHERE name = 'vector'`.execute(db);
  if (available.rows.length === 0) return;
  // Creating an extension may need more than the migrating role has: then LP Desk goes on without it.
  await sql`
    DO $$ BEGIN
      CREATE EXTENSION IF NOT EXISTS vector;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pgvector is available but could not be created (%); retrieval ranks vectors in memory', SQLERRM;
    END $$`.execute(db);
  const installed = await sql<{ extname: string }>`SELECT extname FROM pg_extension WHERE extname = 'vector'`.execute(db);
  if (installed.rows.length === 0) return;
  await sql`ALTER TABLE retrieval_vectors ADD COLUMN embedding_vector vector`.execute(db);
  let after = -1;
  for (;;) {
    const rows = await sql<{ id: string | number; embedding: Uint8Array }>`
      SELECT chunk_row_id AS id, embedding FROM retrieval_vectors WHERE chunk_row_id > ${after} ORDER BY chunk_row_id LIMIT ${BATCH}`.execute(db);
    if (rows.rows.length === 0) break;
    after = Number(rows.rows.at(-1)?.id);
    await sql`
      UPDATE retrieval_vectors v SET embedding_vector = u.value::vector
      FROM unnest(${rows.rows.map((row) => Number(row.id))}::bigint[], ${rows.rows.map((row) => literal(row.embedding))}::text[]) AS u(id, value)
      WHERE v.chunk_row_id = u.id`.execute(db);
  }
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  // The extension stays: other databases on the server may use it.
  await sql`ALTER TABLE retrieval_vectors DROP COLUMN IF EXISTS embedding_vector`.execute(db);
}
