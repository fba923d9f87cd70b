import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import type { Tx } from '../kernel/write.js';
import { PG_VECTORS_STAMP, readMeta, writeMeta } from './store.js';

// PostgreSQL has no vector index here (no pgvector on a stock server), and exact cosine in SQL over
// `real[]` unnests every vector per query. Instead each process keeps the vectors as one Float32Array
// matrix and ranks in JS; a stamp in retrieval_meta, renewed by every vector write in any process,
// tells it when to reload.

const VECTORS_STAMP = PG_VECTORS_STAMP;

interface VectorMatrix {
  stamp: string;
  ids: Float64Array;
  dimensions: number;
  data: Float32Array;
}

const matrices = new WeakMap<Db, VectorMatrix>();

/** In the transaction that adds or removes PostgreSQL vectors. */
export async function markVectorsChanged(db: Db | Tx): Promise<void> {
  await writeMeta(db, VECTORS_STAMP, crypto.randomUUID());
}

async function vectorMatrix(db: Db): Promise<VectorMatrix> {
  const stamp = (await readMeta(db, VECTORS_STAMP)) ?? '';
  const cached = matrices.get(db);
  if (cached && cached.stamp === stamp) return cached;
  // Read the stamp first: a write after it renews the stamp, and the next query reloads.
  const rows = await db.selectFrom('retrievalVectors').select(['chunkRowId', 'embedding']).orderBy('chunkRowId').execute();
  const dimensions = rows[0]?.embedding.length ?? 0;
  const ids = new Float64Array(rows.length);
  const data = new Float32Array(rows.length * dimensions);
  rows.forEach((row, i) => {
    ids[i] = Number(row.chunkRowId);
    data.set(row.embedding.slice(0, dimensions), i * dimensions);
  });
  const matrix = { stamp, ids, dimensions, data };
  matrices.set(db, matrix);
  return matrix;
}

export interface DenseHit {
  id: number;
  score: number;
}

/**
 * Exact cosine (vectors are unit length: the dot product) against every stored vector, best first, ties
 * by id. `allowed` keeps the hits that pass the search's filters; it is asked for a slice at a time.
 */
export async function rankByCosine(
  db: Db,
  vector: Float32Array,
  limit: number,
  allowed?: (ids: readonly number[]) => Promise<Set<number>>,
): Promise<DenseHit[]> {
  const matrix = await vectorMatrix(db);
  const { ids, data, dimensions } = matrix;
  if (dimensions !== vector.length || ids.length === 0) return [];
  const scores = new Float64Array(ids.length);
  for (let row = 0; row < ids.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++) dot += (data[offset + d] as number) * (vector[d] as number);
    scores[row] = dot;
  }
  const better = (a: number, b: number) => (scores[b] as number) - (scores[a] as number) || (ids[a] as number) - (ids[b] as number);
  const order = allowed ? Array.from({ length: ids.length }, (_, i) => i).sort(better) : bestRows(ids.length, limit, better);
  const hits: DenseHit[] = [];
  const slice = allowed ? Math.max(limit * 20, 500) : limit;
  for (let start = 0; start < order.length && hits.length < limit; start += slice) {
    const part = order.slice(start, start + slice);
    const keep = allowed ? await allowed(part.map((i) => ids[i] as number)) : undefined;
    for (const i of part) {
      const id = ids[i] as number;
      if (keep && !keep.has(id)) continue;
      hits.push({ id, score: scores[i] as number });
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

/** The `limit` best of `count` rows, in order, without sorting them all (kept sorted by insertion). */
function bestRows(count: number, limit: number, better: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let row = 0; row < count; row++) {
    const worst = best.at(-1);
    if (best.length >= limit && worst !== undefined && better(row, worst) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (better(best[middle] as number, row) <= 0) low = middle + 1;
      else high = middle;
    }
    best.splice(low, 0, row);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** Which of these chunk ids pass the filter clauses (on the chunk alias `c`). */
export async function chunksPassing(db: Db, ids: readonly number[], clauses: RawBuilder<unknown>): Promise<Set<number>> {
  const passing = new Set<number>();
  for (const part of splitIntoChunks(ids, 5_000)) {
    const rows = await sql<{ id: number | string }>`SELECT c.id AS id FROM retrieval_chunks c WHERE c.id IN (${sql.join(part)})${clauses}`.execute(db);
    for (const row of rows.rows) passing.add(Number(row.id));
  }
  return passing;
}
