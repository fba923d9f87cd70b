// Retrieval (core/retrieval, migration 0020): chunks of what was said, the records they are about, index metadata, vectors.
import type { ColumnType, Generated, RawBuilder } from 'kysely';

export interface RetrievalChunksTable {
  /** Integer row id: FTS5 and vec0 address rows by it. */
  id: Generated<number>;
  /** Stable namespaced id, e.g. `communication:<id>:0`, `email:<id>:1`, `note:contact:<id>:notes:0`. */
  chunkId: string;
  /** Every chunk of one source shares it, so a source is replaced or removed as a whole. */
  sourceKey: string;
  sourceType: string;
  sourceId: string;
  kind: string;
  eventAt: string | null;
  fundId: string | null;
  confidence: number | null;
  title: string | null;
  entityIdsJson: string;
  /** Searchable words that are not the body (subject, sender, recipients, Message-ID). */
  header: string;
  body: string;
  startOffset: number;
  endOffset: number;
  contentHash: string;
  /**
   * SQLite: the content hash the stored vector was made from; differs from contentHash (or null) while the
   * vector is pending. PostgreSQL keeps it on the vector row (retrieval_vectors.content_hash) and leaves this null.
   */
  vectorHash: string | null;
  /** PostgreSQL only (migration 0025): the weighted full-text vector of the header's and body's words (accents folded), written with the row (retrieval/store.ts). */
  tsv: ColumnType<never, RawBuilder<unknown> | undefined, RawBuilder<unknown>>;
}

export interface RetrievalChunkEntitiesTable {
  entityId: string;
  chunkRowId: number;
}

export interface RetrievalMetaTable {
  key: string;
  value: string;
}

/** PostgreSQL only: one vector per chunk (ranked in memory, retrieval/dense-memory.ts). */
export interface RetrievalVectorsTable {
  chunkRowId: number;
  /** The float32 values' bytes, little-endian (migration 0026), as sqlite-vec stores them on SQLite. */
  embedding: Uint8Array;
  /** The chunk's content hash when it was embedded: the vector is pending while it differs. */
  contentHash: ColumnType<string, string | undefined, string>;
  /** With pgvector only (migration 0027): the same vector as a pgvector `vector`, ranked in the database (retrieval/pgvector.ts). */
  embeddingVector: ColumnType<never, RawBuilder<unknown> | undefined, RawBuilder<unknown>>;
}
