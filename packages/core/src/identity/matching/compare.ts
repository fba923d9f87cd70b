import { comparePeople } from './compare-people.js';
import { compareOrganizations } from './compare-organizations.js';
import type { MatchVerdict, RecordFeatures } from './types.js';

/**
 * The verdict on two records or entities: confidence, the deciding rule and every piece of evidence
 * (for, against, shared) with a reason a person can read. Symmetric in its confidence.
 */
export function compareFeatures(a: RecordFeatures, b: RecordFeatures): MatchVerdict {
  if (a.kind !== b.kind)
    return { confidence: 0, rule: 'none', evidence: [{ rule: 'different_kind', direction: 'against', confidence: 1, reason: 'a person and an organization never match' }] };
  return (a.kind === 'person' ? comparePeople(a, b) : compareOrganizations(a, b)).verdict();
}
