import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { FILTERED_OVERFETCH, type Filters, where } from './filters.js';
import type { LegHit } from './fusion.js';
import { isPhrase } from './query-terms.js';

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

/** FTS5 expression OR-ing the terms; a term of several words is an FTS5 phrase (`"re up"`: the words in a row). */
export const phrases = (terms: readonly string[]) => terms.map((term) => `"${term}"`).join(' OR ');

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
 * The sparse (BM25) leg on SQLite: the same answer as ranking every chunk holding any query term (a word
 * or a phrase, query-terms.ts) by (bm25, id), filters applied. Words held by much of the index ("fund",
 * "call") make that slow, since FTS5 scores every match; on large indexes `rareWordsFirst` answers most
 * such queries from the chunks holding a rarer term.
 */
export async function sqliteSparseLeg(
  core: CoreContext,
  terms: readonly string[],
  filters: Filters,
  limit: number,
  tuning: SparseTuning = TUNING,
): Promise<LegHit[]> {
  const top = filters.clauses.length > 0 ? Math.max(limit * FILTERED_OVERFETCH, 500) : limit;
  let searched = terms;
  const chunks = terms.length > 1 ? await largestChunkId(core) : 0;
  if (terms.length > 1 && chunks >= tuning.splitFromChunks) {
    const stats = await termStats(core, chunks, terms);
    // A term no chunk holds adds nothing to any score.
    searched = terms.filter((term) => stats.holding(term) > 0);
    if (searched.length === 0) return [];
    const answer = searched.length > 1 ? await rareWordsFirst(core, searched, stats, filters, limit, top, tuning) : undefined;
    if (answer) return answer;
  }
  const match = phrases(searched);
  const found = await topByRank(core, match, filters, top);
  return settledTop([found], found.hits, limit) ?? exactByRank(core, match, filters, limit);
}

/** At least the number of chunks, in one index lookup. */
export async function largestChunkId(core: CoreContext): Promise<number> {
  const row = await sql<{ id: number | null }>`SELECT max(id) AS id FROM retrieval_chunks`.execute(core.db);
  return Number(row.rows[0]?.id ?? 0);
}

interface TermStats {
  /** At least the number of chunks (the largest row id): idf from it is never below FTS5's own. */
  chunks: number;
  /** Chunks holding the term: exact for a word; for a phrase, its rarest word's (an upper bound). */
  holding(term: string): number;
}

async function termStats(core: CoreContext, chunks: number, terms: readonly string[]): Promise<TermStats> {
  const words = [...new Set(terms.flatMap((term) => term.split(' ')))];
  const vocabulary = await sql<{ term: string; doc: number }>`SELECT term, doc FROM retrieval_chunks_fts_vocab WHERE term IN (${sql.join(words)})`.execute(
    core.db,
  );
  const holdingWord = new Map(vocabulary.rows.map((row) => [row.term, Number(row.doc)]));
  return { chunks, holding: (term) => Math.min(...term.split(' ').map((word) => holdingWord.get(word) ?? 0)) };
}

/**
 * Splits the terms into rare and common (the common held by more than `rareShare` of the index) and asks
 * FTS5 for chunks holding a rare term, scored on every term: `(rare) AND (common)` then, if still needed,
 * `(rare) NOT (common)`. bm25 sums one part per term and a term adds less than idf × (k1 + 1), so when
 * the cut scores at least what the common terms alone could reach, no chunk holding only common terms
 * belongs in the answer, and the answer equals the full query's. If not, the next rarest term joins the
 * rare ones (the common terms' ceiling falls) and FTS5 is asked again, a few times at most; then the
 * caller asks the full query (undefined). Phrases always count as rare: how many chunks hold one is not
 * known in advance, so neither is their ceiling, which only the rare side never needs exactly (a phrase's
 * idf is bounded above as if one chunk held it).
 */
async function rareWordsFirst(
  core: CoreContext,
  terms: readonly string[],
  stats: TermStats,
  filters: Filters,
  limit: number,
  top: number,
  tuning: SparseTuning,
): Promise<LegHit[] | undefined> {
  const holding = (term: string) => stats.holding(term);
  const byRarity = [...terms].sort((a, b) => Number(isPhrase(b)) - Number(isPhrase(a)) || holding(a) - holding(b));
  // FTS5: idf = ln((N − n + 0.5) / (n + 0.5)), at least 1e-6; a phrase is held by at least one chunk.
  const idf = (term: string) => {
    const n = isPhrase(term) ? 1 : holding(term);
    return Math.max(1e-6, Math.log((stats.chunks - n + 0.5) / (n + 0.5)));
  };
  const ceiling = (some: readonly string[]) => some.reduce((sum, term) => sum + idf(term) * (BM25_K1 + 1), 0);
  let rareCount = Math.max(1, terms.filter(isPhrase).length);
  let covered = byRarity.slice(0, rareCount).reduce((sum, term) => sum + holding(term), 0);
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
