/**
 * How hybrid mode merges the sparse (BM25) and dense (embedding) rankings. The weights are tuned on the
 * eval set (bench); keep them named here so tuning is one diff.
 */

/** Reciprocal rank fusion constant (Cormack et al. 2009): a hit at rank r adds weight / (RRF_K + r). */
export const RRF_K = 60;
/** Per-leg weights for RRF. */
export const RRF_SPARSE_WEIGHT = 1;
export const RRF_DENSE_WEIGHT = 1;
/** Per-leg weights for the min-max normalized score fusion (`fusion=weighted`). */
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
  const add = (hits: readonly LegHit[], weight: number) =>
    hits.forEach((hit, index) => {
      scores.set(hit.id, (scores.get(hit.id) ?? 0) + weight / (RRF_K + index + 1));
    });
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
    if (hits.length === 0) return;
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
