/**
 * How hybrid mode merges the sparse (BM25) and dense (embedding) rankings. The weights are tuned on the
 * eval set (bench); keep them named here so tuning is one diff.
 */

/** Reciprocal rank fusion constant (Cormack et al. 2009): a hit at rank r adds weight / (RRF_K + r). */
export const RRF_K = 60;
/** Per-leg weights for RRF when the caller gives none; search passes hybridWeights(coverage) (below). */
export const RRF_SPARSE_WEIGHT = 1;
export const RRF_DENSE_WEIGHT = 1;
/** Per-leg weights for the min-max normalized score fusion (`fusion=weighted`) when the caller gives none. */
export const WEIGHTED_SPARSE_WEIGHT = 0.5;
export const WEIGHTED_DENSE_WEIGHT = 0.5;
/** Each leg fetches this many candidates per requested hit (at least LEG_MIN) before fusing. */
export const LEG_OVERFETCH = 3;
export const LEG_MIN = 50;

/** One leg's answer, best first; `score` is higher-is-better within the leg. */
export interface LegHit {
  id: number;
  score: number;
}

export interface FusedHit {
  id: number;
  score: number;
}

export function reciprocalRankFusion(
  sparse: readonly LegHit[],
  dense: readonly LegHit[],
  weights = { sparse: RRF_SPARSE_WEIGHT, dense: RRF_DENSE_WEIGHT },
): FusedHit[] {
  const scores = new Map<number, number>();
  const add = (hits: readonly LegHit[], weight: number) => {
    // A leg weighed 0 has no say, and brings no hits of its own to pad the list with.
    if (weight <= 0) return;
    hits.forEach((hit, index) => {
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + weight / (RRF_K + index + 1));
    });
  };
  add(sparse, weights.sparse);
  add(dense, weights.dense);
  return rank(scores);
}

export function weightedScoreFusion(
  sparse: readonly LegHit[],
  dense: readonly LegHit[],
  weights = { sparse: WEIGHTED_SPARSE_WEIGHT, dense: WEIGHTED_DENSE_WEIGHT },
): FusedHit[] {
  const scores = new Map<number, number>();
  const add = (hits: readonly LegHit[], weight: number) => {
    if (hits.length === 0 || weight <= 0) return;
    const values = hits.map((hit) => hit.score);
    const min = Math.min(...values);
    const span = Math.max(...values) - min;
    for (const hit of hits) scores.set(hit.id, (scores.get(hit.id) ?? 0) + weight * (span > 0 ? (hit.score - min) / span : 1));
  };
  add(sparse, weights.sparse);
  add(dense, weights.dense);
  return rank(scores);
}

/** Best first; ties by row id so the order is stable. */
function rank(scores: Map<number, number>): FusedHit[] {
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * Hybrid weighs the dense leg by how much of the query the sparse leg could not find. Coverage is the
 * largest share of the query's words that any of the best COVERAGE_TOP_HITS sparse hits contains: a
 * name, a Message-ID or a term the notes use verbatim is fully covered and BM25's order stands (dense
 * blurs names: fused at equal weight it loses entity queries by 0.3 nDCG on the eval corpus); a
 * paraphrase the notes never use leaves words uncovered, and the dense leg's weight rises toward
 * DENSE_WEIGHT_MAX. The steep curve is a soft gate: a question whose topic BM25 found but one of whose
 * words no note uses ("who complained about the capital call notice?", coverage 3/4) keeps BM25's order
 * (dense weight 0.05), while a query mostly in other words (coverage ≤ 1/4) lets dense lead (weight ≥ 3.8).
 * Tuned on bench/retrieval's two corpora, seeds 14–16, and checked on seeds 17–19 (docs/search.md, "How
 * hybrid fuses").
 */
export const COVERAGE_TOP_HITS = 5;
export const DENSE_WEIGHT_MAX = 12;
export const COVERAGE_EXPONENT = 4;

/** Share (0–1) of `tokens` found in the best-covering of `hitWords` (each hit's set of words). */
export function queryCoverage(tokens: readonly string[], hitWords: readonly ReadonlySet<string>[]): number {
  if (tokens.length === 0) return 0;
  let best = 0;
  for (const words of hitWords) best = Math.max(best, tokens.filter((token) => words.has(token)).length / tokens.length);
  return best;
}

/** Per-leg weights for a query whose sparse coverage is `coverage`: sparse 1, dense DENSE_WEIGHT_MAX · (1 − coverage)^COVERAGE_EXPONENT. */
export function hybridWeights(coverage: number): { sparse: number; dense: number } {
  return { sparse: 1, dense: DENSE_WEIGHT_MAX * Math.max(0, 1 - coverage) ** COVERAGE_EXPONENT };
}
