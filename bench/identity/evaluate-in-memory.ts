import type { IdentitySourceRecordInput } from '@lpdesk/contracts';
import { candidatePairs, compareFeatures, detectSharedValues, extractFeatures } from '../../packages/core/src/identity/matching/index.js';

/**
 * A pure stand-in for the database resolver: extract features, detect shared values, extract again with
 * them, block, compare blocked pairs and union records whose verdict reaches the auto-merge threshold.
 */
export interface InMemoryResolution {
  /** "source:externalId" → entity id (the key of the entity's first record). */
  predicted: Map<string, string>;
  comparisons: number;
  merges: number;
  suggestions: number;
  skippedBlocks: number;
  milliseconds: number;
}

export function resolveInMemory(
  records: readonly IdentitySourceRecordInput[],
  options: { autoMergeThreshold?: number; suggestThreshold?: number; defaultPhoneRegion?: string; maxNameBlock?: number } = {},
): InMemoryResolution {
  const started = performance.now();
  const autoMerge = options.autoMergeThreshold ?? 0.9;
  const suggest = options.suggestThreshold ?? 0.6;
  const region = options.defaultPhoneRegion ?? 'US';
  const asMatchable = records.map((r) => ({ ...r, emails: r.emails ?? [], phones: r.phones ?? [] }));
  const first = asMatchable.map((r) => extractFeatures(r, { defaultPhoneRegion: region }));
  const sharedValues = detectSharedValues(first);
  const features = sharedValues.size === 0 ? first : asMatchable.map((r) => extractFeatures(r, { defaultPhoneRegion: region, sharedValues }));
  const { pairs, skippedBlocks } = candidatePairs(features, { maxNameBlock: options.maxNameBlock });
  const parent = features.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  let merges = 0;
  let suggestions = 0;
  for (const [i, j] of pairs) {
    const verdict = compareFeatures(features[i] as (typeof features)[number], features[j] as (typeof features)[number]);
    if (verdict.confidence >= autoMerge) {
      const [ri, rj] = [find(i), find(j)];
      if (ri !== rj) {
        parent[Math.max(ri, rj)] = Math.min(ri, rj);
        merges += 1;
      }
    } else if (verdict.confidence >= suggest) suggestions += 1;
  }
  const keys = records.map((r) => `${r.source}:${r.externalId}`);
  const predicted = new Map<string, string>();
  keys.forEach((key, i) => predicted.set(key, keys[find(i)] ?? key));
  return { predicted, comparisons: pairs.length, merges, suggestions, skippedBlocks, milliseconds: performance.now() - started };
}
