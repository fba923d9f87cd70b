import { type Kysely, sql } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/* biome-ignore lint/suspicious/noExplicitAny: migrations describe tables that the typed schema does not yet know */
type AnyDb = Kysely<any>;

/**
 * PostgreSQL: the full-text vector of a chunk is written by the indexer from the words SQLite's FTS5 and
 * every query see: letters and digits, accents folded ("José" is indexed as `jose`). The generated column
 * kept `josé`, so a name typed with or without its accent found nothing there, and PostgreSQL's parser
 * made single tokens of email addresses and host names that no query matched word by word.
 * Existing chunks are rewritten here, in batches.
 *
 * The GIN index now keeps a small pending list (256 kB) instead of none: entering each chunk's words into
 * the tree one row at a time was half the cost of indexing on PostgreSQL (10,000 chunks: 3.7 s → 1.9 s),
 * and a search scans at most 256 kB of pending entries (about 1 ms) until the next insert or vacuum merges them.
 */
const BATCH = 1_000;

/** As retrieval/snippet.ts splits text into words (NFD, marks removed, letters and digits); frozen here so this migration never changes. */
const words = (text: string) =>
  (
    text
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');

export async function up(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  await sql`ALTER TABLE retrieval_chunks DROP COLUMN tsv`.execute(db);
  await sql`ALTER TABLE retrieval_chunks ADD COLUMN tsv tsvector`.execute(db);
  let after = 0;
  for (;;) {
    const rows = await sql<{ id: string | number; header: string; body: string }>`
      SELECT id, header, body FROM retrieval_chunks WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`.execute(db);
    if (rows.rows.length === 0) break;
    after = Number(rows.rows.at(-1)?.id);
    await sql`
      UPDATE retrieval_chunks c
      SET tsv = setweight(to_tsvector('simple', v.header), 'A') || setweight(to_tsvector('simple', v.body), 'B')
      FROM unnest(${rows.rows.map((row) => Number(row.id))}::bigint[], ${rows.rows.map((row) => words(row.header))}::text[], ${rows.rows.map((row) => words(row.body))}::text[]) AS v(id, header, body)
      WHERE c.id = v.id`.execute(db);
  }
  await sql`CREATE INDEX retrieval_chunks_tsv_idx ON retrieval_chunks USING gin (tsv) WITH (fastupdate = on, gin_pending_list_limit = 256)`.execute(db);
}

export async function down(db: AnyDb, context: MigrationContext): Promise<void> {
  if (context.dialect !== 'postgres') return;
  await sql`ALTER TABLE retrieval_chunks DROP COLUMN tsv`.execute(db);
  await sql`ALTER TABLE retrieval_chunks ADD COLUMN tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', header), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED`.execute(
    db,
  );
  await sql`CREATE INDEX retrieval_chunks_tsv_idx ON retrieval_chunks USING gin (tsv) WITH (fastupdate = off)`.execute(db);
}
