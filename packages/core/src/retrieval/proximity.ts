import type { LegHit } from './fusion.js';

/**
 * BM25 scores each word on its own: a note with "Julia" in one line and "Chen" in another, or "scheduled
 * a follow-up call" next to "capital" elsewhere, scores like one saying "Julia Chen" or "capital call".
 * Proximity re-ranks the sparse leg's best candidates by how many of the query's adjacent word pairs
 * (query-terms.ts) they hold in a row, the ordered pairs of Metzler and Croft's sequential dependence
 * model, applied as a re-rank as search engines usually do: the candidates come from the words alone, so
 * the full-text index never evaluates phrases of common words (which made p95 at 200k chunks double when
 * the pairs were searched as FTS5 phrases).
 */

/**
 * How much a note holding every pair gains: its BM25 score × (1 + PAIR_BOOST × share of pairs held).
 * Chosen on bench/retrieval's seeds 14–16 (0.25, 0.5, 1 and 2 tried; higher helped names and rare topics
 * a little more each time) and checked on seeds 17–19 (docs/search.md).
 */
export const PAIR_BOOST = 1;
/** Candidates re-ranked when fewer hits are asked for (hybrid asks for 3 × limit, at least 50, already): past them, BM25's order stands. */
export const PROXIMITY_MIN = 50;

/** Matches one pair ("first second") as two consecutive words of lowercased, accent-folded text. */
function pairPattern(pair: string): RegExp {
  // Pair words are letters and digits only (query-terms.ts): nothing to escape.
  const [first, second] = pair.split(' ');
  return new RegExp(`(?<![\\p{L}\\p{N}])${first}[^\\p{L}\\p{N}]+${second}(?![\\p{L}\\p{N}])`, 'u');
}

/** Lowercased with accents folded, as the words of the index are; most notes are plain ASCII and skip the folding. */
function comparable(text: string): string {
  const lower = text.toLowerCase();
  return /[^\p{ASCII}]/u.test(lower) ? lower.normalize('NFD').replace(/\p{M}+/gu, '') : lower;
}

/** The share (0–1) of `pairs` ("first second") that occur as two consecutive words of `text`. */
export function pairShare(pairs: readonly string[], text: string, patterns: readonly RegExp[] = pairs.map(pairPattern)): number {
  if (pairs.length === 0) return 0;
  const haystack = comparable(text);
  return patterns.filter((pattern) => pattern.test(haystack)).length / pairs.length;
}

/** Re-ranks `hits` (best first, higher score better) by BM25 × (1 + PAIR_BOOST × pair share); ties keep their order. */
export function rerankByProximity(hits: readonly LegHit[], pairs: readonly string[], textOf: (id: number) => string | undefined): LegHit[] {
  if (pairs.length === 0) return [...hits];
  const patterns = pairs.map(pairPattern);
  return hits
    .map((hit, position) => ({ hit: { id: hit.id, score: hit.score * (1 + PAIR_BOOST * pairShare(pairs, textOf(hit.id) ?? '', patterns)) }, position }))
    .sort((a, b) => b.hit.score - a.hit.score || a.position - b.position)
    .map((entry) => entry.hit);
}
