import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { FILTERED_OVERFETCH, type Filters, where } from './filters.js';
import type { LegHit } from './fusion.js';

/** Header (subject, people, Message-ID) counts double a body word. */
const RANKING = 'bm25(2.0, 1.0)';
/**
 * Rows past the wanted ones that a top-n asks for, so that a tie seldom crosses the cut (each crossing
 * costs the exact query): with `limit + 8` 7 % of the bench's queries fell back, with `2 × limit + 8` none.
 */
const TIE_MARGIN = 8;
/** FTS5's bm25 k1: one word adds less than idf × (k1 + 1) to any chunk's score, however often it occurs. */
const BM25_K1 = 1.2;
export interface SparseTuning {
  /** The rarer words are searched first until the chunks holding them reach this share of the index. */
  rareShare: number;
  /** Smaller indexes answer one query over every word fast enough. */
  splitFromChunks: number;
}

const TUNING: SparseTuning = { rareShare: 0.05, splitFromChunks: 20_000 };

interface TopRows {
  /** The rows that pass the filters, best first (score higher is better). */
  hits: LegHit[];
  /** The full-text index may hold more matches than were fetched... */
  truncated: boolean;
  /** ...none scoring above this (the worst fetched score, filters or not). */
  worst: number;
}

export const phrases = (words: readonly string[]) => words.map((word) => `"${word}"`).join(' OR ');

/**
 * The top `top` matches of an FTS5 expression by bm25, ranked inside the full-text index (`ORDER BY rank
 * LIMIT n`, weights through `rank MATCH`) so only those rows are joined to their chunks and filtered.
 */
async function topByRank(core: CoreContext, match: string, filters: Filters, top: number): Promise<TopRows> {
  const rows = await sql<{ id: number; rank: number; passes: number }>`
    WITH top AS (
      SELECT rowid AS id, rank FROM retrieval_chunks_fts WHERE retrieval_chunks_fts MATCH ${match} AND rank MATCH ${RANKING} ORDER BY rank LIMIT ${top})
    SELECT top.id AS id, top.rank AS rank, (1 = 1${where(filters)}) AS passes FROM top JOIN retrieval_chunks c ON c.id = top.id
    ORDER BY top.rank, top.id`.execute(core.db);
  const last = rows.rows.at(-1);
  return {
    hits: rows.rows.filter((row) => Number(row.passes) === 1).map((row) => ({ id: Number(row.id), score: -Number(row.rank) })),
    truncated: rows.rows.length >= top,
    worst: last ? -Number(last.rank) : 0,
  };
}

/** Every match ranked by (score, id), the filters applied: exact, and slow when the words are common. */
export async function exactByRank(core: CoreContext, match: string, filters: Filters, limit: number): Promise<LegHit[]> {
  const rows = await sql<{ id: number; rank: number }>`
    SELECT c.id AS id, bm25(retrieval_chunks_fts, 2.0, 1.0) AS rank
    FROM retrieval_chunks_fts JOIN retrieval_chunks c ON c.id = retrieval_chunks_fts.rowid
    WHERE retrieval_chunks_fts MATCH ${match}${where(filters)}
    ORDER BY rank, c.id LIMIT ${limit}`.execute(core.db);
  return rows.rows.map((row) => ({ id: Number(row.id), score: -Number(row.rank) }));
}

/** The best `limit` of the hits: none unseen can reach them when each truncated part's worst is below the cut. */
function clearTop(parts: readonly TopRows[], hits: readonly LegHit[], limit: number): LegHit[] | undefined {
  const boundary = hits[limit - 1];
  const cutIsClear = parts.every((part) => !part.truncated || (boundary !== undefined && boundary.score > part.worst));
  return cutIsClear ? hits.slice(0, limit) : undefined;
}

/**
 * The sparse (BM25) leg on SQLite: the same answer as ranking every chunk that holds any query word by
 * (bm25, id). Words held by much of the index ("fund", "call") make that slow, since FTS5 scores every
 * match; `rareWordsFirst` answers most such queries from the chunks holding a rarer word.
 */
export async function sqliteSparseLeg(
  core: CoreContext,
  tokens: readonly string[],
  filters: Filters,
  limit: number,
  tuning: SparseTuning = TUNING,
): Promise<LegHit[]> {
  const top = filters.clauses.length > 0 ? Math.max(limit * FILTERED_OVERFETCH, 500) : 2 * limit + TIE_MARGIN;
  if (tokens.length > 1) {
    const answer = await rareWordsFirst(core, tokens, filters, limit, top, tuning);
    if (answer) return answer;
  }
  const match = phrases(tokens);
  const found = await topByRank(core, match, filters, top);
  return clearTop([found], found.hits, limit) ?? exactByRank(core, match, filters, limit);
}

interface WordStats {
  /** At least the number of chunks (the largest row id): idf from it is never below FTS5's own. */
  chunks: number;
  /** Chunks holding each word. */
  holding: Map<string, number>;
}

async function wordStats(core: CoreContext, words: readonly string[]): Promise<WordStats> {
  const [size, vocabulary] = await Promise.all([
    sql<{ chunks: number | null }>`SELECT max(id) AS chunks FROM retrieval_chunks`.execute(core.db),
    sql<{ term: string; doc: number }>`SELECT term, doc FROM retrieval_chunks_fts_vocab WHERE term IN (${sql.join(words)})`.execute(core.db),
  ]);
  return { chunks: Number(size.rows[0]?.chunks ?? 0), holding: new Map(vocabulary.rows.map((row) => [row.term, Number(row.doc)])) };
}

/**
 * Splits the words into rare and common (the common held by more than `rareShare` of the index) and asks
 * FTS5 for chunks holding a rare word, scored on every word: `(rare) AND (common)` then, if still needed,
 * `(rare) NOT (common)`. bm25 sums one term per word and a word adds less than idf × (k1 + 1), so when
 * the cut scores at least what the common words alone could reach, no chunk holding only common words
 * belongs in the answer, and the answer equals the full query's. Otherwise (undefined) the caller asks
 * the full query.
 */
async function rareWordsFirst(
  core: CoreContext,
  tokens: readonly string[],
  filters: Filters,
  limit: number,
  top: number,
  tuning: SparseTuning,
): Promise<LegHit[] | undefined> {
  const stats = await wordStats(core, tokens);
  if (stats.chunks < tuning.splitFromChunks) return undefined;
  const holding = (word: string) => stats.holding.get(word) ?? 0;
  const byRarity = [...tokens].sort((a, b) => holding(a) - holding(b));
  const rare: string[] = [];
  let covered = 0;
  for (const word of byRarity) {
    if (rare.length > 0 && covered + holding(word) > tuning.rareShare * stats.chunks) break;
    rare.push(word);
    covered += holding(word);
  }
  const common = byRarity.slice(rare.length);
  if (common.length === 0) return undefined;
  // FTS5: idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6.
  const idf = (word: string) => Math.max(1e-6, Math.log((stats.chunks - holding(word) + 0.5) / (holding(word) + 0.5)));
  const ceiling = (words: readonly string[]) => words.reduce((sum, word) => sum + idf(word) * (BM25_K1 + 1), 0);

  const both = await topByRank(core, `(${phrases(rare)}) AND (${phrases(common)})`, filters, top);
  const parts = [both];
  let hits = both.hits;
  const cutOfBoth = hits[limit - 1];
  // Chunks with rare words only score below the rare words' ceiling: needed unless the cut is above it.
  if (!cutOfBoth || cutOfBoth.score < ceiling(rare)) {
    const rareOnly = await topByRank(core, `(${phrases(rare)}) NOT (${phrases(common)})`, filters, top);
    parts.push(rareOnly);
    hits = [...hits, ...rareOnly.hits].sort((a, b) => b.score - a.score || a.id - b.id);
  }
  const boundary = hits[limit - 1];
  if (!boundary || boundary.score < ceiling(common)) return undefined;
  return clearTop(parts, hits, limit);
}
