import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import type { CoreContext } from '../kernel/context.js';
import type { Tx } from '../kernel/write.js';
import { createEmbedder, type Embedder } from './embedders/index.js';
import { pgvectorLiteral, usesPgvector } from './pgvector.js';
import {
  deleteVectors,
  inTransaction,
  lockRetrievalIndex,
  markVectorsChanged,
  markVectorsClean,
  markVectorsPending,
  mayHavePendingVectors,
  readMeta,
  readPendingStamp,
  SQLITE_VECTOR_TABLE,
  sqliteVectorTableExists,
  writeMeta,
} from './store.js';

/** One embedder per core, made on first use from the core's settings (or set by a test or bench). */
const embedders = new WeakMap<CoreContext['settings'], Embedder>();

export function retrievalEmbedder(core: CoreContext): Embedder {
  let embedder = embedders.get(core.settings);
  if (!embedder) {
    embedder = createEmbedder(core.settings.embedder ?? { kind: 'builtin' });
    embedders.set(core.settings, embedder);
  }
  return embedder;
}

/** Use this embedder for the core (tests, the eval harness): the next embedding pass re-embeds if it differs from the index's. */
export function setRetrievalEmbedder(core: CoreContext, embedder: Embedder): void {
  embedders.set(core.settings, embedder);
}

const EMBEDDER_META = 'embedder';

export interface IndexedEmbedder {
  name: string;
  dimensions: number;
}

export async function indexedEmbedder(db: Db | Tx): Promise<IndexedEmbedder | undefined> {
  const value = await readMeta(db, EMBEDDER_META);
  return value ? (JSON.parse(value) as IndexedEmbedder) : undefined;
}

/** What a chunk's vector is made of. */
export const embeddingText = (chunk: { header: string; body: string }) => (chunk.header ? `${chunk.header}\n${chunk.body}` : chunk.body);

/**
 * The vectors in the index belong to `embedder`: when the index was made by another model (or none yet),
 * drop every vector, (re)create the sqlite-vec table for the new dimensions and mark all chunks pending.
 */
export async function ensureVectorSpace(db: Db, dialect: Dialect, embedder: Embedder): Promise<void> {
  // An HTTP embedder without LPDESK_EMBEDDER_DIMENSIONS learns its width from a first request.
  await embedder.ready?.();
  const current = await indexedEmbedder(db);
  if (
    current &&
    current.name === embedder.name &&
    current.dimensions === embedder.dimensions &&
    (dialect === 'postgres' || (await sqliteVectorTableExists(db)))
  )
    return;
  await inTransaction(db, async (tx) => {
    await lockRetrievalIndex(tx, dialect);
    const again = await indexedEmbedder(tx);
    if (again && again.name === embedder.name && again.dimensions === embedder.dimensions && (dialect === 'postgres' || (await sqliteVectorTableExists(tx))))
      return;
    if (dialect === 'postgres') {
      await tx.deleteFrom('retrievalVectors').execute();
    } else {
      await sql.raw(`DROP TABLE IF EXISTS ${SQLITE_VECTOR_TABLE}`).execute(tx);
      await sql.raw(`CREATE VIRTUAL TABLE ${SQLITE_VECTOR_TABLE} USING vec0(embedding float[${embedder.dimensions}] distance_metric=cosine)`).execute(tx);
    }
    await markVectorsChanged(tx);
    if (dialect === 'sqlite') await tx.updateTable('retrievalChunks').set({ vectorHash: null }).execute();
    await markVectorsPending(tx);
    await writeMeta(tx, EMBEDDER_META, JSON.stringify({ name: embedder.name, dimensions: embedder.dimensions }));
  });
}

/**
 * The chunks (alias `c`) whose vector is missing or older than their text. PostgreSQL keeps the hash a
 * vector was made from on the vector row, SQLite on the chunk (migration 0024).
 */
function pendingChunksQuery(db: Db | Tx, dialect: Dialect) {
  return db
    .selectFrom('retrievalChunks as c')
    .where((eb) =>
      dialect === 'postgres'
        ? eb.not(
            eb.exists(
              eb
                .selectFrom('retrievalVectors as v')
                .select('v.chunkRowId')
                .whereRef('v.chunkRowId', '=', 'c.id')
                .whereRef('v.contentHash', '=', 'c.contentHash'),
            ),
          )
        : eb.or([eb('c.vectorHash', 'is', null), eb('c.vectorHash', '!=', eb.ref('c.contentHash'))]),
    );
}

/** Chunks whose vector is missing or older than their text (no scan when the last embedding pass left none). */
export async function countPendingVectors(db: Db | Tx, dialect: Dialect): Promise<number> {
  if (!(await mayHavePendingVectors(db))) return 0;
  const row = await pendingChunksQuery(db, dialect)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const EMBED_BATCH = 256;

/**
 * Embed pending chunks, `limit` at most (all when absent), in batches; answers how many were embedded.
 * A chunk changed or removed while its batch was being embedded is skipped (its hash no longer matches).
 */
export async function embedPending(core: CoreContext, options: { limit?: number; onProgress?: (done: number) => void } = {}): Promise<number> {
  const embedder = retrievalEmbedder(core);
  await ensureVectorSpace(core.db, core.dialect, embedder);
  let done = 0;
  let afterId = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  // Read before looking: a chunk written after this read changes the stamp, so it cannot be marked clean by mistake.
  const stamp = await readPendingStamp(core.db);
  const alsoPgvector = core.dialect === 'postgres' && (await usesPgvector(core.db));
  let everyVectorWritten = true;
  while (done < limit) {
    const batch = await pendingChunksQuery(core.db, core.dialect)
      .select(['c.id', 'c.header', 'c.body', 'c.contentHash'])
      .where('c.id', '>', afterId)
      .orderBy('c.id')
      .limit(Math.min(EMBED_BATCH, limit - done))
      .execute();
    if (batch.length === 0) {
      if (everyVectorWritten) await markVectorsClean(core.db, stamp);
      break;
    }
    afterId = Number(batch.at(-1)?.id ?? afterId);
    const vectors = await embedder.embed(batch.map(embeddingText));
    await inTransaction(core.db, async (tx) => {
      await lockRetrievalIndex(tx, core.dialect);
      const live = await tx
        .selectFrom('retrievalChunks')
        .select(['id', 'contentHash'])
        .where(
          'id',
          'in',
          batch.map((chunk) => chunk.id),
        )
        .execute();
      const hashNow = new Map(live.map((row) => [Number(row.id), row.contentHash]));
      const ready = batch.flatMap((chunk, i) => {
        const vector = vectors[i];
        return vector && hashNow.get(Number(chunk.id)) === chunk.contentHash ? [{ id: Number(chunk.id), hash: chunk.contentHash, vector }] : [];
      });
      // A chunk changed meanwhile stamped the index itself; a missing vector leaves it pending.
      if (batch.some((_chunk, i) => !vectors[i])) everyVectorWritten = false;
      await writeVectors(tx, core.dialect, ready, alsoPgvector);
    });
    done += batch.length;
    options.onProgress?.(done);
  }
  return done;
}

async function writeVectors(
  tx: Tx,
  dialect: Dialect,
  rows: readonly { id: number; hash: string; vector: Float32Array }[],
  alsoPgvector: boolean,
): Promise<void> {
  if (rows.length === 0) return;
  await deleteVectors(
    tx,
    dialect,
    rows.map((row) => row.id),
  );
  if (dialect === 'postgres') {
    await tx
      .insertInto('retrievalVectors')
      .values(
        rows.map((row) => ({
          chunkRowId: row.id,
          embedding: vectorBytes(row.vector),
          contentHash: row.hash,
          ...(alsoPgvector ? { embeddingVector: sql<unknown>`${pgvectorLiteral(row.vector)}::vector` } : {}),
        })),
      )
      .execute();
    await markVectorsChanged(tx);
    return;
  }
  // One multi-row statement per batch: sqlite-vec takes them row by row, but the statement overhead goes.
  for (const part of splitIntoChunks(rows, 128))
    await sql`INSERT INTO retrieval_vec(rowid, embedding) VALUES ${sql.join(part.map((row) => sql`(${BigInt(row.id)}, ${vectorBytes(row.vector)})`))}`.execute(
      tx,
    );
  await markVectorsChanged(tx);
  // The caller checked, under the index lock, that each chunk's text is still the one embedded (PostgreSQL:
  // the hash went in with the vector above).
  for (const part of splitIntoChunks(rows, 500))
    await tx
      .updateTable('retrievalChunks')
      .set((eb) => ({ vectorHash: eb.ref('contentHash') }))
      .where(
        'id',
        'in',
        part.map((row) => row.id),
      )
      .execute();
}

/** A vector as stored on either dialect: its float32 values' bytes, in the machine's order (little-endian). */
export const vectorBytes = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

/** Back from stored bytes; copies when the bytes do not start on a 4-byte boundary (a slice of a network buffer). */
export function vectorFromBytes(bytes: Uint8Array): Float32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

export type { Embedder };
