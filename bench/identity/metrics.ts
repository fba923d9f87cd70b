/**
 * Clustering quality against ground truth. Both take truth and predicted as record key → cluster id and
 * count through cluster intersections (a contingency table), never by enumerating record pairs.
 */
export interface PairwiseMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function contingency(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>) {
  const truthSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [record, cluster] of truth) {
    const entity = predicted.get(record) ?? `unpredicted:${record}`;
    truthSizes.set(cluster, (truthSizes.get(cluster) ?? 0) + 1);
    predictedSizes.set(entity, (predictedSizes.get(entity) ?? 0) + 1);
    const cell = `${cluster}\u0000${entity}`;
    both.set(cell, (both.get(cell) ?? 0) + 1);
  }
  return { truthSizes, predictedSizes, both };
}

export function pairwiseMetrics(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PairwiseMetrics {
  const { truthSizes, predictedSizes, both } = contingency(truth, predicted);
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const size of truthSizes.values()) truePairs += pairs(size);
  for (const size of predictedSizes.values()) predictedPairs += pairs(size);
  for (const size of both.values()) correctPairs += pairs(size);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { precision, recall, f1: f1(precision, recall), truePairs, predictedPairs, correctPairs };
}

/** B-cubed: per record, the share of its predicted cluster that is truly its own (precision) and of its true cluster that it was put with (recall), averaged. */
export function bcubedMetrics(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): { precision: number; recall: number; f1: number } {
  const { truthSizes, predictedSizes, both } = contingency(truth, predicted);
  let precision = 0;
  let recall = 0;
  for (const [cell, count] of both) {
    const [cluster = '', entity = ''] = cell.split('\u0000');
    precision += (count * count) / (predictedSizes.get(entity) ?? 1);
    recall += (count * count) / (truthSizes.get(cluster) ?? 1);
  }
  const n = truth.size || 1;
  return { precision: precision / n, recall: recall / n, f1: f1(precision / n, recall / n) };
}
