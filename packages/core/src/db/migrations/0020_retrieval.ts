import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { APP_ROLE } from './0004_protect_activity_log.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * Retrieval (core/retrieval, docs/search.md "Retrieval"): chunks of what was said — communications, email
 * bodies, notes-log lines, notes fields — with their payload, the records each is about, full-text
 * indexes (FTS5 BM25 on SQLite, a weighted tsvector on PostgreSQL) and index metadata (which embedder
 * made the vectors). The vectors themselves: on SQLite a sqlite-vec `vec0` table the indexer creates for
 * the embedder's dimensions; on PostgreSQL `retrieval_vectors` (real[]; exact cosine ranking).
 *
 * Nothing is backfilled here: the index subscriber builds the whole index on its first delivery.
 */
export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  const postgres = context.dialect === 'postgres';
  const table = db.schema.createTable('retrieval_chunks');
  await (postgres ? table.addColumn('id', 'bigserial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey()))
    .addColumn('chunk_id', 'text', (c) => c.notNull().unique())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('event_at', 'text')
    .addColumn('fund_id', 'text')
    .addColumn('confidence', 'real')
    .addColumn('title', 'text')
    .addColumn('entity_ids_json', 'text', (c) => c.notNull())
    .addColumn('header', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('start_offset', 'integer', (c) => c.notNull())
    .addColumn('end_offset', 'integer', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('vector_hash', 'text')
    .execute();
  await db.schema.createIndex('retrieval_chunks_source_idx').on('retrieval_chunks').column('source_key').execute();
  await db.schema.createIndex('retrieval_chunks_event_idx').on('retrieval_chunks').column('event_at').execute();

  await db.schema
    .createTable('retrieval_chunk_entities')
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('chunk_row_id', postgres ? 'bigint' : 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('retrieval_chunk_entities_pk', ['entity_id', 'chunk_row_id'])
    .execute();
  await db.schema.createIndex('retrieval_chunk_entities_chunk_idx').on('retrieval_chunk_entities').column('chunk_row_id').execute();

  await db.schema
    .createTable('retrieval_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  if (postgres) {
    await sql`ALTER TABLE retrieval_chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', header), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED`.execute(
      db,
    );
    await sql`CREATE INDEX retrieval_chunks_tsv_idx ON retrieval_chunks USING gin (tsv) WITH (fastupdate = off)`.execute(db);
    await db.schema
      .createTable('retrieval_vectors')
      .addColumn('chunk_row_id', 'bigint', (c) => c.primaryKey())
      .addColumn('embedding', sql`real[]`, (c) => c.notNull())
      .execute();
    await sql
      .raw(
        `DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON retrieval_chunks, retrieval_chunk_entities, retrieval_meta, retrieval_vectors TO ${APP_ROLE};
            GRANT USAGE, SELECT, UPDATE ON SEQUENCE retrieval_chunks_id_seq TO ${APP_ROLE};
          END IF;
        END $$`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `CREATE VIRTUAL TABLE retrieval_chunks_fts USING fts5(header, body, content='retrieval_chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER retrieval_chunks_ai AFTER INSERT ON retrieval_chunks BEGIN INSERT INTO retrieval_chunks_fts(rowid, header, body) VALUES (new.id, new.header, new.body); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER retrieval_chunks_ad AFTER DELETE ON retrieval_chunks BEGIN INSERT INTO retrieval_chunks_fts(retrieval_chunks_fts, rowid, header, body) VALUES ('delete', old.id, old.header, old.body); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER retrieval_chunks_au AFTER UPDATE OF header, body ON retrieval_chunks BEGIN
           INSERT INTO retrieval_chunks_fts(retrieval_chunks_fts, rowid, header, body) VALUES ('delete', old.id, old.header, old.body);
           INSERT INTO retrieval_chunks_fts(rowid, header, body) VALUES (new.id, new.header, new.body);
         END`,
      )
      .execute(db);
  }
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect === 'sqlite') {
    for (const suffix of ['ai', 'ad', 'au']) await sql.raw(`DROP TRIGGER IF EXISTS retrieval_chunks_${suffix}`).execute(db);
    await sql.raw('DROP TABLE IF EXISTS retrieval_chunks_fts').execute(db);
    await sql.raw('DROP TABLE IF EXISTS retrieval_vec').execute(db);
  }
  for (const table of ['retrieval_vectors', 'retrieval_meta', 'retrieval_chunk_entities', 'retrieval_chunks'])
    await db.schema.dropTable(table).ifExists().execute();
}
