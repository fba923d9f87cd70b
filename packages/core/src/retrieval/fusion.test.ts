import { describe, expect, it } from 'vitest';
import { DENSE_WEIGHT_MAX, hybridWeights, queryCoverage, reciprocalRankFusion, weightedScoreFusion } from './fusion.js';

describe('hybrid fusion', () => {
  it('measures how much of the query the best sparse hit covers', () => {
    const hits = [new Set(['julia', 'chen', 'called']), new Set(['julia'])];
    expect(queryCoverage(['julia', 'chen'], hits)).toBe(1);
    expect(queryCoverage(['julia', 'okafor'], hits)).toBe(0.5);
    expect(queryCoverage(['sidecar'], hits)).toBe(0);
    expect(queryCoverage(['julia'], [])).toBe(0);
  });

  it('gives the dense leg no say when sparse covers the query, and the most when it covers nothing', () => {
    expect(hybridWeights(1)).toEqual({ sparse: 1, dense: 0 });
    expect(hybridWeights(0)).toEqual({ sparse: 1, dense: DENSE_WEIGHT_MAX });
    const half = hybridWeights(0.5).dense;
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(DENSE_WEIGHT_MAX);
  });

  it('keeps BM25 in front when most of the query is covered, and lets dense lead when little is', () => {
    const sparse = [1, 2, 3].map((id) => ({ id, score: 10 - id }));
    const dense = [3, 2, 1].map((id) => ({ id, score: 1 - id / 10 }));
    // "who complained about capital call notice?": 3 of its 4 words are in the best notes.
    expect(reciprocalRankFusion(sparse, dense, hybridWeights(3 / 4)).map((hit) => hit.id)).toEqual([1, 2, 3]);
    // A paraphrase sharing one incidental word of four with the notes.
    expect(reciprocalRankFusion(sparse, dense, hybridWeights(1 / 4)).map((hit) => hit.id)).toEqual([3, 2, 1]);
  });

  it('keeps BM25 order for a covered query and lets dense lead for an uncovered one', () => {
    const sparse = [
      { id: 1, score: 9 },
      { id: 2, score: 5 },
    ];
    const dense = [
      { id: 3, score: 0.9 },
      { id: 2, score: 0.8 },
    ];
    // Fully covered: BM25's answer as it is, without dense's own picks appended.
    expect(reciprocalRankFusion(sparse, dense, hybridWeights(1)).map((hit) => hit.id)).toEqual([1, 2]);
    // Both legs agree on 2; dense's first pick outranks sparse's.
    expect(reciprocalRankFusion(sparse, dense, hybridWeights(0)).map((hit) => hit.id)).toEqual([2, 3, 1]);
    expect(weightedScoreFusion(sparse, dense, hybridWeights(1)).map((hit) => hit.id)).toEqual([1, 2]);
    expect(weightedScoreFusion(sparse, dense, hybridWeights(0))[0]?.id).toBe(3);
  });
});
