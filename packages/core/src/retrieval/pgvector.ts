import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { type Filters, where } from './filters.js';
import type { LegHit } from './fusion.js';

// PostgreSQL with pgvector (migration 0027): the vectors are also kept as pgvector `vector`s and the
// dense leg ranks them in the database, exactly (`<=>`, cosine distance), with the filters in the same
// query: no copy of the vectors in each server process and nothing to reload after a write. Without the
// extension, dense-memory.ts ranks an in-memory copy.

const known = new WeakMap<Db, boolean>();

/** Whether migration 0027 found pgvector on this database (the column exists); asked once per process. */
export async function usesPgvector(db: Db): Promise<boolean> {
  const cached = known.get(db);
  if (cached !== undefined) return cached;
  const rows = await sql<{ present: number }>`
    SELECT 1 AS present FROM information_schema.columns WHERE table_name = 'retrieval_vectors' AND column_name = 'embedding_vector'`.execute(db);
  const present = rows.rows.length > 0;
  known.set(db, present);
  return present;
}

/** pgvector's text form of a vector; 9 significant digits give each float32 back exactly. */
export const pgvectorLiteral = (vector: Float32Array) => `[${Array.from(vector, (x) => Number(x.toPrecision(9))).join(',')}]`;

/** The `limit` chunks nearest `vector` that pass the filters, nearest first; score = cosine similarity. */
export async function rankByPgvector(db: Db, vector: Float32Array, limit: number, filters: Filters): Promise<LegHit[]> {
  const rows = await sql<{ id: number | string; distance: number }>`
    SELECT c.id AS id, v.embedding_vector <=> ${pgvectorLiteral(vector)}::vector AS distance
    FROM retrieval_vectors v JOIN retrieval_chunks c ON c.id = v.chunk_row_id
    WHERE v.embedding_vector IS NOT NULL${where(filters)}
    ORDER BY distance, c.id LIMIT ${limit}`.execute(db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: 1 - Number(row.distance) }));
}
