import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import { readMeta, SQLITE_VECTOR_TABLE, VECTORS_STAMP } from './store.js';
import { vectorFromBytes } from './vectors.js';

// The dense leg's copy of the vectors in this process: one Float32Array matrix, ranked in JS.
// PostgreSQL has no vector index here (no pgvector on a stock server), and exact cosine in SQL would
// decode every vector per query. On SQLite, sqlite-vec's exact KNN costs about 0.3 µs a vector
// (60 ms at 200k chunks), so large SQLite indexes rank here too. A stamp in retrieval_meta, renewed by
// every vector write in any process, tells each process when to reload.

/** From this many vectors on, a query ranks only the rows whose sign codes are nearest (below). */
export const APPROXIMATE_FROM = 20_000;

export interface DenseTuning {
  approximateFrom: number;
  /** Rows ranked exactly after the sign-code pass: this share of the vectors, at least `minCandidates`. */
  candidateShare: number;
  minCandidates: number;
}

const TUNING: DenseTuning = { approximateFrom: APPROXIMATE_FROM, candidateShare: 0.04, minCandidates: 2_000 };

interface VectorMatrix {
  stamp: string;
  ids: Float64Array;
  dimensions: number;
  data: Float32Array;
  /** Per dimension, the mean over the rows: a sign code's bit d is set where a vector is above it. */
  mean: Float32Array;
  /** Sign codes, `words` 32-bit words per row. */
  codes: Int32Array;
  words: number;
}

const matrices = new WeakMap<Db, VectorMatrix>();

async function readVectors(db: Db, dialect: Dialect): Promise<{ ids: number[]; vectors: Float32Array[] }> {
  const rows =
    dialect === 'postgres'
      ? (await sql<{ id: number; embedding: Uint8Array }>`SELECT chunk_row_id AS id, embedding FROM retrieval_vectors ORDER BY chunk_row_id`.execute(db)).rows
      : (await sql<{ id: number; embedding: Uint8Array }>`SELECT rowid AS id, embedding FROM ${sql.table(SQLITE_VECTOR_TABLE)} ORDER BY rowid`.execute(db))
          .rows;
  return { ids: rows.map((row) => Number(row.id)), vectors: rows.map((row) => vectorFromBytes(row.embedding)) };
}

async function vectorMatrix(db: Db, dialect: Dialect): Promise<VectorMatrix> {
  const stamp = (await readMeta(db, VECTORS_STAMP)) ?? '';
  const cached = matrices.get(db);
  if (cached && cached.stamp === stamp) return cached;
  // Read the stamp first: a write after it renews the stamp, and the next query reloads.
  const { ids: rowIds, vectors } = await readVectors(db, dialect);
  const dimensions = vectors[0]?.length ?? 0;
  const count = rowIds.length;
  const ids = Float64Array.from(rowIds);
  const data = new Float32Array(count * dimensions);
  vectors.forEach((vector, i) => {
    data.set(vector.length === dimensions ? vector : vector.subarray(0, dimensions), i * dimensions);
  });
  const matrix = { stamp, ids, dimensions, data, ...signCodes(data, count, dimensions) };
  matrices.set(db, matrix);
  return matrix;
}

function signCodes(data: Float32Array, count: number, dimensions: number): { mean: Float32Array; codes: Int32Array; words: number } {
  const words = Math.ceil(dimensions / 32);
  const mean = new Float32Array(dimensions);
  for (let row = 0; row < count; row++) for (let d = 0; d < dimensions; d++) mean[d] = (mean[d] as number) + (data[row * dimensions + d] as number) / count;
  const codes = new Int32Array(count * words);
  for (let row = 0; row < count; row++) codes.set(signCode(data.subarray(row * dimensions, (row + 1) * dimensions), mean, words), row * words);
  return { mean, codes, words };
}

function signCode(vector: ArrayLike<number>, mean: Float32Array, words: number): Int32Array {
  const code = new Int32Array(words);
  for (let d = 0; d < mean.length; d++) if ((vector[d] as number) > (mean[d] as number)) code[d >> 5] = (code[d >> 5] as number) | (1 << (d & 31));
  return code;
}

function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/**
 * The rows worth ranking exactly: those whose sign code (above or below the mean, per dimension) differs
 * from the query's in the fewest bits, about `candidateShare` of them. Centred sign codes keep the angle's
 * order roughly (a random-hyperplane hash with the data's own axes); on the bench's 200k chunks, exact
 * ranking of the nearest 4 % finds about 95 % of the exact top 10 (docs/search.md, "Dense at scale").
 */
function candidateRows(matrix: VectorMatrix, vector: Float32Array, tuning: DenseTuning): number[] {
  const { codes, words, ids } = matrix;
  const count = ids.length;
  const query = signCode(vector, matrix.mean, words);
  const distances = new Uint16Array(count);
  const histogram = new Uint32Array(words * 32 + 1);
  for (let row = 0; row < count; row++) {
    let distance = 0;
    for (let w = 0; w < words; w++) distance += bitCount((codes[row * words + w] as number) ^ (query[w] as number));
    distances[row] = distance;
    histogram[distance] = (histogram[distance] as number) + 1;
  }
  const wanted = Math.max(tuning.minCandidates, Math.ceil(count * tuning.candidateShare));
  let cut = 0;
  for (let taken = 0; cut < histogram.length - 1 && taken + (histogram[cut] as number) < wanted; cut++) taken += histogram[cut] as number;
  const rows: number[] = [];
  for (let row = 0; row < count; row++) if ((distances[row] as number) <= cut) rows.push(row);
  return rows;
}

export interface DenseHit {
  id: number;
  score: number;
}

/**
 * Cosine (vectors are unit length: the dot product) against the stored vectors, best first, ties by id:
 * exact below APPROXIMATE_FROM vectors, over the sign-code candidates above. `allowed` keeps the hits that
 * pass the search's filters; it is asked for a slice at a time, and when too few candidates pass, every
 * row is ranked.
 */
export async function rankByCosine(
  db: Db,
  dialect: Dialect,
  vector: Float32Array,
  limit: number,
  allowed?: (ids: readonly number[]) => Promise<Set<number>>,
  tuning: DenseTuning = TUNING,
): Promise<DenseHit[]> {
  const matrix = await vectorMatrix(db, dialect);
  const { ids, dimensions } = matrix;
  if (dimensions !== vector.length || ids.length === 0) return [];
  if (ids.length >= tuning.approximateFrom) {
    const hits = await rankRows(matrix, candidateRows(matrix, vector, tuning), vector, limit, allowed);
    if (hits.length >= limit || !allowed) return hits;
  }
  return rankRows(matrix, undefined, vector, limit, allowed);
}

async function rankRows(
  matrix: VectorMatrix,
  rows: readonly number[] | undefined,
  vector: Float32Array,
  limit: number,
  allowed?: (ids: readonly number[]) => Promise<Set<number>>,
): Promise<DenseHit[]> {
  const { ids, data, dimensions } = matrix;
  const count = rows ? rows.length : ids.length;
  const rowAt = (i: number) => (rows ? (rows[i] as number) : i);
  const scores = new Float64Array(ids.length);
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
    let dot = 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++) dot += (data[offset + d] as number) * (vector[d] as number);
    scores[row] = dot;
  }
  const better = (a: number, b: number) => (scores[b] as number) - (scores[a] as number) || (ids[a] as number) - (ids[b] as number);
  const order = allowed ? Array.from({ length: count }, (_, i) => rowAt(i)).sort(better) : bestRows(count, rowAt, limit, better);
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
function bestRows(count: number, rowAt: (i: number) => number, limit: number, better: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
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
