/**
 * The identity matcher: pure functions from source records to features, blocking keys and verdicts with
 * evidence. The resolver (database) and the in-memory bench both drive it the same way:
 * extractFeatures → detectSharedValues → extractFeatures again with sharedValues → candidatePairs → compareFeatures.
 */
export type * from './types.js';
export { blockingKeys, candidatePairs, DEFAULT_MAX_NAME_BLOCK, NAME_BLOCK_PREFIXES } from './blocking.js';
export { compareFeatures } from './compare.js';
export { combineFeatures, extractFeatures, type MatchableRecord, normalizeLinkedin } from './features.js';
export { type MatchRule, type MatchRuleId, RULES, ruleConfidence } from './rules.js';
export { detectSharedValues } from './shared-values.js';
