import { resolveInMemory } from './identity/evaluate-in-memory.js';
import { generateIdentityDataset } from './identity/generator.js';
import { bcubedMetrics, pairwiseMetrics } from './identity/metrics.js';
import { type BenchRow, judged, verdict } from './table.js';

// Identity resolution (issue 11) on the synthetic ground-truth dataset (bench/identity/generator.ts):
// pairwise and B-cubed precision/recall at 1k and 10k records, and the time of the pure in-memory pass
// (normalize, detect shared values, block, compare, union at the auto-merge threshold).

export const IDENTITY_SIZES = [1_000, 10_000] as const;
const SEED = 11;
const PRECISION_GOAL = 0.99;
const RECALL_GOAL = 0.95;
const SCAN_GOAL_MS = 5_000;

const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

export async function benchIdentity(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of IDENTITY_SIZES) {
    const dataset = generateIdentityDataset({ seed: SEED, records: size });
    const label = `identity, ${size.toLocaleString('en-US')} records`;
    const resolution = resolveInMemory(dataset.records);
    const pairwise = pairwiseMetrics(dataset.truth, resolution.predicted);
    const bcubed = bcubedMetrics(dataset.truth, resolution.predicted);
    const met = pairwise.precision >= PRECISION_GOAL && pairwise.recall >= RECALL_GOAL;
    rows.push({
      scenario: `${label}: pairwise P / R / F1 (in memory)`,
      value: judged(`${percent(pairwise.precision)} / ${percent(pairwise.recall)} / ${percent(pairwise.f1)} (${pairwise.correctPairs} of ${pairwise.predictedPairs} predicted pairs correct, ${pairwise.truePairs} true pairs)`, met),
      goal: verdict(`P ≥ ${PRECISION_GOAL * 100} %, R ≥ ${RECALL_GOAL * 100} %`, met),
    });
    rows.push({ scenario: `${label}: B-cubed P / R / F1 (in memory)`, value: `${percent(bcubed.precision)} / ${percent(bcubed.recall)} / ${percent(bcubed.f1)}`, goal: 'info' });
    const fast = resolution.milliseconds <= SCAN_GOAL_MS;
    rows.push({
      scenario: `${label}: in-memory pass`,
      value: judged(`${(resolution.milliseconds / 1000).toFixed(2)} s (${resolution.comparisons.toLocaleString('en-US')} comparisons, ${resolution.merges} merges, ${resolution.suggestions} suggestions)`, fast),
      goal: verdict(`≤ ${SCAN_GOAL_MS / 1000} s`, fast),
    });
  }
  return rows;
}

/**
 * TO BE FILLED BY THE LEAD after the resolver lands: the same dataset through the database resolver
 * (POST /api/identity/records in batches of 1,000, then POST /api/identity/scan), reading back
 * GET /api/identity/records to build `predicted` ("source:externalId" → entityId) for the same metrics,
 * timing the full scan against the 5 s goal. Not called yet.
 */
export async function databasePass(_size: number): Promise<BenchRow[]> {
  throw new Error('databasePass: not implemented until the identity resolver is merged');
}
