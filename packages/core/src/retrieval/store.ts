import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import { splitIntoChunks } from '../kernel/chunks.js';
import type { Tx } from '../kernel/write.js';
import { retrievalTokens } from './snippet.js';
import type { ChunkDraft } from './sources.js';

type Writer = Db | Tx;

/** PostgreSQL: index writers in several processes take turns per transaction (the same idea as the search index lock). */
const RETRIEVAL_INDEX_LOCK_KEY = 7_231_204_020;

export async function inTransaction<T>(db: Writer, body: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db as Tx) : db.transaction().execute(body);
}

export async function lockRetrievalIndex(tx: Tx, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${RETRIEVAL_INDEX_LOCK_KEY})`.execute(tx);
}

/**
 * PostgreSQL's full-text vector of a chunk: the header's words weigh A, the body's B. The words are the
 * ones SQLite's FTS5 and every query see (retrievalTokens: letters and digits, accents folded), handed
 * over space-separated, so PostgreSQL's parser cannot make one token of an email address or a host name
 * ("q1-report@lp.example.org") that no typed query would match, and phrases match on both dialects.
 */
const postgresTsv = (header: string, body: string) =>
  sql<unknown>`setweight(to_tsvector('simple', ${retrievalTokens(header).join(' ')}), 'A') || setweight(to_tsvector('simple', ${retrievalTokens(body).join(' ')}), 'B')`;

/** The sqlite-vec table of vectors, once the indexer has created it for the embedder's dimensions. */
export const SQLITE_VECTOR_TABLE = 'retrieval_vec';

export async function sqliteVectorTableExists(db: Writer): Promise<boolean> {
  const row = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${SQLITE_VECTOR_TABLE}`.execute(db);
  return row.rows.length > 0;
}

/**
 * Whether any chunk may lack its vector, without scanning the chunks: every write that leaves a chunk
 * pending stamps `CHUNKS_STAMP` with a fresh token; an embedding pass that found nothing left pending
 * copies the token it read before looking into `VECTORS_CLEAN_STAMP`. Equal tokens: nothing is pending.
 */
const CHUNKS_STAMP = 'chunks-stamp';
const VECTORS_CLEAN_STAMP = 'vectors-clean-stamp';

/** Call in the transaction that inserts chunks, changes their text or clears their vectors. */
export async function markVectorsPending(db: Writer): Promise<void> {
  await writeMeta(db, CHUNKS_STAMP, randomUUID());
}

/** The token to hand to `markVectorsClean` once a pass that started after reading it finds nothing pending. */
export async function readPendingStamp(db: Writer): Promise<string> {
  return (await readMeta(db, CHUNKS_STAMP)) ?? '';
}

export async function markVectorsClean(db: Writer, stamp: string): Promise<void> {
  await writeMeta(db, VECTORS_CLEAN_STAMP, stamp);
}

export async function mayHavePendingVectors(db: Writer): Promise<boolean> {
  const rows = await db.selectFrom('retrievalMeta').select(['key', 'value']).where('key', 'in', [CHUNKS_STAMP, VECTORS_CLEAN_STAMP]).execute();
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  return value(CHUNKS_STAMP) === undefined || value(CHUNKS_STAMP) !== value(VECTORS_CLEAN_STAMP);
}

/** Renewed by every change of the vectors: each process reloads its copy (dense-memory.ts). */
export const VECTORS_STAMP = 'vectors-stamp';

/** In the transaction that adds or removes vectors. */
export async function markVectorsChanged(db: Writer): Promise<void> {
  await writeMeta(db, VECTORS_STAMP, randomUUID());
}

export async function deleteVectors(tx: Writer, dialect: Dialect, rowIds: readonly number[]): Promise<void> {
  if (rowIds.length === 0) return;
  if (dialect === 'postgres') {
    for (const part of splitIntoChunks(rowIds, 500)) await tx.deleteFrom('retrievalVectors').where('chunkRowId', 'in', part).execute();
  } else {
    if (!(await sqliteVectorTableExists(tx))) return;
    for (const part of splitIntoChunks(rowIds, 500))
      await sql`DELETE FROM retrieval_vec WHERE rowid IN (${sql.join(part.map((id) => sql`${id}`))})`.execute(tx);
  }
  await markVectorsChanged(tx);
}

/**
 * Make the stored chunks of these sources equal the drafts: insert new chunks, update changed ones (a new
 * content hash leaves the old vector pending re-embedding), delete the rest with their vectors.
 * Idempotent; a source with no drafts is removed (deleted, trashed, unlinked, purged).
 */
export async function replaceSources(
  tx: Tx,
  dialect: Dialect,
  drafts: ReadonlyMap<string, readonly ChunkDraft[]>,
): Promise<{ written: number; removed: number }> {
  const keys = [...drafts.keys()];
  let written = 0;
  let removed = 0;
  for (const part of splitIntoChunks(keys, 400)) {
    const existing = await tx
      .selectFrom('retrievalChunks')
      .select(['id', 'chunkId', 'contentHash', 'entityIdsJson', 'eventAt', 'fundId', 'confidence', 'title', 'kind', 'startOffset', 'endOffset'])
      .where('sourceKey', 'in', part)
      .execute();
    const byChunkId = new Map(existing.map((row) => [row.chunkId, row]));
    const wanted = part.flatMap((key) => drafts.get(key) ?? []);
    const wantedIds = new Set(wanted.map((d) => d.chunkId));
    const stale = existing.filter((row) => !wantedIds.has(row.chunkId)).map((row) => row.id);
    if (stale.length > 0) {
      await deleteVectors(tx, dialect, stale);
      for (const ids of splitIntoChunks(stale, 500)) {
        await tx.deleteFrom('retrievalChunkEntities').where('chunkRowId', 'in', ids).execute();
        await tx.deleteFrom('retrievalChunks').where('id', 'in', ids).execute();
      }
      removed += stale.length;
    }
    const inserts: ChunkDraft[] = [];
    for (const d of wanted) {
      const row = byChunkId.get(d.chunkId);
      if (!row) {
        inserts.push(d);
        continue;
      }
      const entityIdsJson = JSON.stringify(d.entityIds);
      const same =
        row.contentHash === d.contentHash &&
        row.entityIdsJson === entityIdsJson &&
        row.eventAt === d.eventAt &&
        row.fundId === d.fundId &&
        row.confidence === d.confidence &&
        row.title === d.title &&
        row.kind === d.kind &&
        row.startOffset === d.start &&
        row.endOffset === d.end;
      if (same) continue;
      await tx
        .updateTable('retrievalChunks')
        .set({
          kind: d.kind,
          eventAt: d.eventAt,
          fundId: d.fundId,
          confidence: d.confidence,
          title: d.title,
          entityIdsJson,
          header: d.header,
          body: d.body,
          startOffset: d.start,
          endOffset: d.end,
          contentHash: d.contentHash,
          ...(dialect === 'postgres' && row.contentHash !== d.contentHash ? { tsv: postgresTsv(d.header, d.body) } : {}),
        })
        .where('id', '=', row.id)
        .execute();
      if (row.entityIdsJson !== entityIdsJson) {
        await tx.deleteFrom('retrievalChunkEntities').where('chunkRowId', '=', row.id).execute();
        await insertEntities(tx, [[row.id, d.entityIds]]);
      }
      written += 1;
    }
    for (const batch of splitIntoChunks(inserts, 100)) {
      const rows = await tx
        .insertInto('retrievalChunks')
        .values(
          batch.map((d) => ({
            chunkId: d.chunkId,
            sourceKey: d.sourceKey,
            sourceType: d.sourceType,
            sourceId: d.sourceId,
            kind: d.kind,
            eventAt: d.eventAt,
            fundId: d.fundId,
            confidence: d.confidence,
            title: d.title,
            entityIdsJson: JSON.stringify(d.entityIds),
            header: d.header,
            body: d.body,
            startOffset: d.start,
            endOffset: d.end,
            contentHash: d.contentHash,
            vectorHash: null,
            ...(dialect === 'postgres' ? { tsv: postgresTsv(d.header, d.body) } : {}),
          })),
        )
        .returning(['id', 'chunkId'])
        .execute();
      const idOf = new Map(rows.map((row) => [row.chunkId, Number(row.id)]));
      await insertEntities(
        tx,
        batch.map((d) => [idOf.get(d.chunkId) ?? 0, d.entityIds]),
      );
      written += batch.length;
    }
  }
  if (written > 0) await markVectorsPending(tx);
  return { written, removed };
}

async function insertEntities(tx: Tx, rows: readonly [number, readonly string[]][]): Promise<void> {
  const values = rows.flatMap(([chunkRowId, ids]) => [...new Set(ids)].map((entityId) => ({ entityId, chunkRowId })));
  for (const part of splitIntoChunks(values, 500)) await tx.insertInto('retrievalChunkEntities').values(part).execute();
}

export async function readMeta(db: Writer, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('retrievalMeta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: Writer, key: string, value: string): Promise<void> {
  await db
    .insertInto('retrievalMeta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
