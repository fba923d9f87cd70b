import { compareFeatures } from './compare.js';
import { extractFeatures, type MatchableRecord } from './features.js';
import type { MatchVerdict, RecordFeatures } from './types.js';

/** Test helpers: features and verdicts from terse record literals (default region US). */
export const person = (record: Omit<MatchableRecord, 'kind'>, sharedValues?: ReadonlySet<string>): RecordFeatures =>
  extractFeatures({ kind: 'person', ...record }, { defaultPhoneRegion: 'US', sharedValues });
export const organization = (record: Omit<MatchableRecord, 'kind'>, sharedValues?: ReadonlySet<string>): RecordFeatures =>
  extractFeatures({ kind: 'organization', ...record }, { defaultPhoneRegion: 'US', sharedValues });
export const compare = (a: RecordFeatures, b: RecordFeatures): MatchVerdict => {
  const forward = compareFeatures(a, b);
  const backward = compareFeatures(b, a);
  if (forward.confidence !== backward.confidence) throw new Error(`asymmetric verdict: ${forward.confidence} vs ${backward.confidence}`);
  return forward;
};
export const rules = (verdict: MatchVerdict, direction: 'for' | 'against' | 'shared') =>
  verdict.evidence.filter((e) => e.direction === direction).map((e) => e.rule);
