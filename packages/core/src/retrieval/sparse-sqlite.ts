import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { FILTERED_OVERFETCH, type Filters, where } from './filters.js';
import type { LegHit } from './fusion.js';

/** Header (subject, people, Message-ID) counts double a body word. */
const RANKING = 'bm25(2.0, 1.0)';
/** FTS5's bm25 k1: one word adds less than idf × (k1 + 1) to any chunk's score, however often it occurs. */
const BM25_K1 = 1.2;
/** Splits tried before the full query answers. */
const MAX_SPLIT_ATTEMPTS = 3;

export interface SparseTuning {
  /** The rarer words are searched first until the chunks holding them reach this share of the index. */
  rareShare: number;
  /** Smaller indexes answer one query over every word fast enough. */
  splitFromChunks: number;
}

const TUNING: SparseTuning = { rareShare: 0.05, splitFromChunks: 20_000 };

export const phrases = (words: readonly string[]) => words.map((word) => `"${word}"`).join(' OR ');

/** Best first: higher score, then lower row id (the order every path answers in). */
const before = (a: LegHit, b: LegHit) => b.score - a.score || a.id - b.id;

interface TopRows {
  /** The fetched rows that pass the filters, best first. */
  hits: LegHit[];
  /** The last row fetched (filters or not) when the index may hold more matches: every unseen one ranks after it. */
  cut: LegHit | undefined;
}

/**
 * The first `top` matches of an FTS5 expression by (bm25, row id), only those joined to their chunks and
 * filtered. SQLite's own top-n sort (`ORDER BY rank, rowid LIMIT n`) is exact on ties and about twice as
 * fast as FTS5's `ORDER BY rank`, which sorts every match.
 */
async function topByRank(core: CoreContext, match: string, filters: Filters, top: number): Promise<TopRows> {
  const rows = await sql<{ id: number; rank: number; passes: number }>`
    WITH top AS (
      SELECT rowid AS id, rank FROM retrieval_chunks_fts WHERE retrieval_chunks_fts MATCH ${match} AND rank MATCH ${RANKING} ORDER BY rank, rowid LIMIT ${top})
    SELECT top.id AS id, top.rank AS rank, (1 = 1${where(filters)}) AS passes FROM top JOIN retrieval_chunks c ON c.id = top.id
    ORDER BY top.rank, top.id`.execute(core.db);
  const hit = (row: { id: number; rank: number }) => ({ id: Number(row.id), score: -Number(row.rank) });
  const last = rows.rows.at(-1);
  return {
    hits: rows.rows.filter((row) => Number(row.passes) === 1).map(hit),
    cut: rows.rows.length >= top && last ? hit(last) : undefined,
  };
}

/** Every match ranked by (bm25, id), the filters applied in the same query: exact, slow when the words are common. */
export async function exactByRank(core: CoreContext, match: string, filters: Filters, limit: number): Promise<LegHit[]> {
  const rows = await sql<{ id: number; rank: number }>`
    SELECT c.id AS id, bm25(retrieval_chunks_fts, 2.0, 1.0) AS rank
    FROM retrieval_chunks_fts JOIN retrieval_chunks c ON c.id = retrieval_chunks_fts.rowid
    WHERE retrieval_chunks_fts MATCH ${match}${where(filters)}
    ORDER BY rank, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
}

/** The best `limit` of the hits (sorted), when no row unseen by a part can rank among them. */
function settledTop(parts: readonly TopRows[], hits: readonly LegHit[], limit: number): LegHit[] | undefined {
  const boundary = hits[limit - 1];
  const settled = parts.every((part) => part.cut === undefined || (boundary !== undefined && before(boundary, part.cut) <= 0));
  return settled ? hits.slice(0, limit) : undefined;
}

/**
 * The sparse (BM25) leg on SQLite: the same answer as ranking every chunk holding any query word by
 * (bm25, id), filters applied. Words held by much of the index ("fund", "call") make that slow, since FTS5
 * scores every match; on large indexes `rareWordsFirst` answers most such queries from the chunks holding
 * a rarer word.
 */
export async function sqliteSparseLeg(
  core: CoreContext,
  tokens: readonly string[],
  filters: Filters,
  limit: number,
  tuning: SparseTuning = TUNING,
): Promise<LegHit[]> {
  const top = filters.clauses.length > 0 ? Math.max(limit * FILTERED_OVERFETCH, 500) : limit;
  let words = tokens;
  const chunks = tokens.length > 1 ? await largestChunkId(core) : 0;
  if (tokens.length > 1 && chunks >= tuning.splitFromChunks) {
    const stats = await wordStats(core, chunks, tokens);
    // A word no chunk holds adds nothing to any score.
    words = tokens.filter((word) => (stats.holding.get(word) ?? 0) > 0);
    if (words.length === 0) return [];
    const answer = words.length > 1 ? await rareWordsFirst(core, words, stats, filters, limit, top, tuning) : undefined;
    if (answer) return answer;
  }
  const match = phrases(words);
  const found = await topByRank(core, match, filters, top);
  return settledTop([found], found.hits, limit) ?? exactByRank(core, match, filters, limit);
}

/** At least the number of chunks, in one index lookup. */
export async function largestChunkId(core: CoreContext): Promise<number> {
  const row = await sql<{ id: number | null }>`SELECT max(id) AS id FROM retrieval_chunks`.execute(core.db);
  return Number(row.rows[0]?.id ?? 0);
}

interface WordStats {
  /** At least the number of chunks (the largest row id): idf from it is never below FTS5's own. */
  chunks: number;
  /** Chunks holding each word. */
  holding: Map<string, number>;
}

async function wordStats(core: CoreContext, chunks: number, words: readonly string[]): Promise<WordStats> {
  const vocabulary = await sql<{ term: string; doc: number }>`SELECT term, doc FROM retrieval_chunks_fts_vocab WHERE term IN (${sql.join(words)})`.execute(
    core.db,
  );
  return { chunks, holding: new Map(vocabulary.rows.map((row) => [row.term, Number(row.doc)])) };
}

/**
 * Splits the words into rare and common (the common held by more than `rareShare` of the index) and asks
 * FTS5 for chunks holding a rare word, scored on every word: `(rare) AND (common)` then, if still needed,
 * `(rare) NOT (common)`. bm25 sums one term per word and a word adds less than idf × (k1 + 1), so when
 * the cut scores at least what the common words alone could reach, no chunk holding only common words
 * belongs in the answer, and the answer equals the full query's. If not, the next rarest word joins the
 * rare ones (the common words' ceiling falls) and FTS5 is asked again, a few times at most; then the
 * caller asks the full query (undefined).
 */
async function rareWordsFirst(
  core: CoreContext,
  words: readonly string[],
  stats: WordStats,
  filters: Filters,
  limit: number,
  top: number,
  tuning: SparseTuning,
): Promise<LegHit[] | undefined> {
  const holding = (word: string) => stats.holding.get(word) ?? 0;
  const byRarity = [...words].sort((a, b) => holding(a) - holding(b));
  // FTS5: idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6.
  const idf = (word: string) => Math.max(1e-6, Math.log((stats.chunks - holding(word) + 0.5) / (holding(word) + 0.5)));
  const ceiling = (some: readonly string[]) => some.reduce((sum, word) => sum + idf(word) * (BM25_K1 + 1), 0);
  let rareCount = 1;
  let covered = holding(byRarity[0] as string);
  while (rareCount < byRarity.length && covered + holding(byRarity[rareCount] as string) <= tuning.rareShare * stats.chunks) {
    covered += holding(byRarity[rareCount] as string);
    rareCount += 1;
  }
  for (let attempt = 0; attempt < MAX_SPLIT_ATTEMPTS && rareCount < byRarity.length; attempt++, rareCount++) {
    const rare = byRarity.slice(0, rareCount);
    const common = byRarity.slice(rareCount);
    const both = await topByRank(core, `(${phrases(rare)}) AND (${phrases(common)})`, filters, top);
    const parts = [both];
    let hits = both.hits;
    const cutOfBoth = hits[limit - 1];
    // Chunks with rare words only score below the rare words' ceiling: needed unless the cut is above it.
    if (!cutOfBoth || cutOfBoth.score < ceiling(rare)) {
      const rareOnly = await topByRank(core, `(${phrases(rare)}) NOT (${phrases(common)})`, filters, top);
      parts.push(rareOnly);
      hits = [...hits, ...rareOnly.hits].sort(before);
    }
    const boundary = hits[limit - 1];
    // Fewer matches than wanted: chunks with common words only fill the rest, and only the full query has them.
    if (!boundary) return undefined;
    if (boundary.score < ceiling(common)) continue;
    return settledTop(parts, hits, limit);
  }
  return undefined;
}
