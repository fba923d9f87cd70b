// Ranking quality against graded labels (0 = not relevant, 1 = touches it, 2 = about it).

/** nDCG@k with gain 2^grade − 1 and log2 discount; 0 when nothing is relevant. */
export function ndcgAt(k: number, ranked: readonly string[], relevance: ReadonlyMap<string, number>): number {
  const gain = (grade: number) => 2 ** grade - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, position) => {
    dcg += gain(relevance.get(id) ?? 0) / Math.log2(position + 2);
  });
  const ideal = [...relevance.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, grade, position) => sum + gain(grade) / Math.log2(position + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/**
 * Recall@k over the documents with any relevance, capped at k: hits in the top k divided by
 * min(k, relevant). A topic with 60 relevant notes can at best fill the top 10, which then counts as 1.
 */
export function recallAt(k: number, ranked: readonly string[], relevance: ReadonlyMap<string, number>): number {
  const relevant = [...relevance.values()].filter((grade) => grade > 0).length;
  if (relevant === 0) return 0;
  const hits = [...new Set(ranked.slice(0, k))].filter((id) => (relevance.get(id) ?? 0) > 0).length;
  return hits / Math.min(k, relevant);
}

export const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
