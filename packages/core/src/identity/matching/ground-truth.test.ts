import { describe, expect, it } from 'vitest';
import { resolveInMemory } from '../../../../../bench/identity/evaluate-in-memory.js';
import { generateIdentityDataset } from '../../../../../bench/identity/generator.js';
import { bcubedMetrics, pairwiseMetrics } from '../../../../../bench/identity/metrics.js';
import { RULES } from './rules.js';

describe('matching against the synthetic ground truth', () => {
  it('is deterministic from the seed', () => {
    const a = generateIdentityDataset({ seed: 7, records: 300 });
    const b = generateIdentityDataset({ seed: 7, records: 300 });
    expect(a.records).toEqual(b.records);
    expect(generateIdentityDataset({ seed: 8, records: 300 }).records).not.toEqual(a.records);
    expect(a.truth.size).toBe(a.records.length);
  });

  it('reaches pairwise precision ≥ 0.99 and recall ≥ 0.95 on 1,000 records', () => {
    const dataset = generateIdentityDataset({ seed: 11, records: 1000 });
    expect(dataset.records.length).toBeGreaterThanOrEqual(1000);
    const { predicted } = resolveInMemory(dataset.records);
    const pairwise = pairwiseMetrics(dataset.truth, predicted);
    expect(pairwise.truePairs).toBeGreaterThan(500);
    expect(pairwise.precision).toBeGreaterThanOrEqual(0.99);
    expect(pairwise.recall).toBeGreaterThanOrEqual(0.95);
    expect(bcubedMetrics(dataset.truth, predicted).f1).toBeGreaterThan(0.97);
  });

  it('metrics count pairs through cluster intersections', () => {
    const truth = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '1'],
      ['d', '2'],
    ]);
    const predicted = new Map([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'y'],
      ['d', 'y'],
    ]);
    expect(pairwiseMetrics(truth, predicted)).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1, precision: 0.5, recall: 1 / 3 });
    const bcubed = bcubedMetrics(truth, predicted);
    expect(bcubed.precision).toBeCloseTo((1 + 1 + 0.5 + 0.5) / 4);
    expect(bcubed.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
  });

  it('documents every rule', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) expect(rule.description.length).toBeGreaterThan(20);
  });
});
