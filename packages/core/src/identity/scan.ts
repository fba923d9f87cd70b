import type { IdentityEntityType, IdentityScanView } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, identitySettings } from '../kernel/context.js';
import { write } from '../kernel/write.js';
import { backfillManualRecords } from './backfill.js';
import { detectShared, featureOptions, featuresOf, parseStoredRecord, storedKeys } from './features.js';
import { combineFeatures, compareFeatures, DEFAULT_MAX_NAME_BLOCK, type MatchVerdict, type RecordFeatures } from './matching/index.js';
import { isNameKey } from './records-store.js';
import { applyBridgeMerges, type BridgeMerge } from './resolver.js';
import { pairKey, rejectedPairs, type SuggestionCandidate, upsertSuggestions } from './suggestions.js';

export interface ScanProgress {
  phase: 'backfill' | 'features' | 'compare' | 'merge' | 'done';
  done: number;
  total: number;
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
}

const PAGE = 5000;

interface EntityEntry {
  entityType: IdentityEntityType;
  features: RecordFeatures[];
  keys: Set<string>;
}

/**
 * A full pass: file every entity's record, find values shared across entities, compare entities that
 * share a blocking key, merge the clear matches (the older entity survives) and queue the near misses.
 * Loads everything in bulk: no per-record queries.
 */
export async function runIdentityScan(core: CoreContext, actor: Actor, options: ScanOptions = {}): Promise<IdentityScanView> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  progress({ phase: 'backfill', done: 0, total: 1 });
  const backfilled = await backfillManualRecords(core, actor);
  const rows: { entityType: string; entityId: string; recordJson: string }[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await core.db
      .selectFrom('identityRecords')
      .select(['id', 'entityType', 'entityId', 'recordJson'])
      // Records an importer attached to a commitment, user or communication are not matched.
      .where('kind', 'in', ['person', 'organization'])
      .orderBy('id')
      .limit(PAGE)
      .offset(offset)
      .execute();
    rows.push(...page);
    if (page.length < PAGE) break;
  }
  const deleted = new Set([
    ...(await core.db.selectFrom('contacts').select('id').where('deletedAt', 'is not', null).execute()).map((r) => r.id),
    ...(await core.db.selectFrom('organizations').select('id').where('deletedAt', 'is not', null).execute()).map((r) => r.id),
  ]);
  const live = rows.filter((row) => !deleted.has(row.entityId));
  const records = live.map((row) => parseStoredRecord(row.recordJson));
  let features = records.map((record) => featuresOf(record, featureOptions(core.settings)));
  const shared = detectShared(features);
  if (shared.size > 0) features = records.map((record) => featuresOf(record, featureOptions(core.settings, shared)));
  progress({ phase: 'features', done: records.length, total: records.length });

  const entities = new Map<string, EntityEntry>();
  live.forEach((row, index) => {
    const entry = entities.get(row.entityId) ?? {
      entityType: row.entityType === 'contact' ? 'contact' : 'organization',
      features: [],
      keys: new Set<string>(),
    };
    const recordFeatures = features[index] as RecordFeatures;
    entry.features.push(recordFeatures);
    for (const key of storedKeys(recordFeatures)) entry.keys.add(key);
    entities.set(row.entityId, entry);
  });
  const blocks = new Map<string, string[]>();
  for (const [entityId, entry] of entities) {
    for (const key of entry.keys) {
      const block = blocks.get(key) ?? [];
      block.push(entityId);
      blocks.set(key, block);
    }
  }
  const pairs = new Map<string, [string, string]>();
  for (const [key, block] of blocks) {
    // A common surname or first word blocks hundreds of namesakes: the matcher's limit applies; identifier blocks are always compared.
    if (block.length < 2 || (block.length > DEFAULT_MAX_NAME_BLOCK && isNameKey(key))) continue;
    for (let i = 0; i < block.length; i += 1) {
      for (let j = i + 1; j < block.length; j += 1) {
        const x = block[i] as string;
        const y = block[j] as string;
        pairs.set(pairKey(x, y), x < y ? [x, y] : [y, x]);
      }
    }
  }
  const combined = new Map<string, RecordFeatures>();
  const featuresOfEntity = (id: string) => {
    let value = combined.get(id);
    if (!value) {
      value = combineFeatures((entities.get(id) as EntityEntry).features);
      combined.set(id, value);
    }
    return value;
  };
  const thresholds = identitySettings(core);
  const verdicts: { x: string; y: string; verdict: MatchVerdict }[] = [];
  let compared = 0;
  for (const [x, y] of pairs.values()) {
    const verdict = compareFeatures(featuresOfEntity(x), featuresOfEntity(y));
    compared += 1;
    if (compared % 1000 === 0) progress({ phase: 'compare', done: compared, total: pairs.size });
    if (verdict.confidence >= thresholds.suggestThreshold) verdicts.push({ x, y, verdict });
  }
  progress({ phase: 'compare', done: pairs.size, total: pairs.size });

  const rejected = await rejectedPairs(core.db);
  const { merges, suggestions } = planMerges(verdicts, entities, rejected, thresholds.autoMergeThreshold);
  progress({ phase: 'merge', done: 0, total: merges.length });
  const autoMerged = await applyBridgeMerges(core, actor, merges);
  const opened = await write(core, actor, async (scope) => {
    const count = await upsertSuggestions(scope.tx, scope.now, suggestions);
    await scope.log({
      action: 'scan',
      entityType: 'identity_records',
      entityId: null,
      diff: { records: live.length, comparisons: compared, autoMerged, suggestions: count, backfilled },
    });
    return count;
  });
  progress({ phase: 'done', done: 1, total: 1 });
  return {
    records: live.length,
    entities: entities.size,
    comparisons: compared,
    autoMerged,
    suggestions: opened,
    backfilled,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Clear matches become merges, strongest first, each folding into the older entity (UUIDv7 ids sort by
 * creation); a chain of matches collapses into one survivor. A rejected pair never merges.
 */
function planMerges(
  verdicts: { x: string; y: string; verdict: MatchVerdict }[],
  entities: Map<string, EntityEntry>,
  rejected: Set<string>,
  autoMergeThreshold: number,
): { merges: BridgeMerge[]; suggestions: SuggestionCandidate[] } {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let current = id;
    while (parent.has(current)) current = parent.get(current) as string;
    return current;
  };
  const merges: BridgeMerge[] = [];
  const suggestions: SuggestionCandidate[] = [];
  for (const { x, y, verdict } of [...verdicts].sort((p, q) => q.verdict.confidence - p.verdict.confidence)) {
    const entityType = (entities.get(x) as EntityEntry).entityType;
    if (rejected.has(pairKey(x, y))) continue;
    if (verdict.confidence < autoMergeThreshold) {
      suggestions.push({ entityType, x, y, confidence: verdict.confidence, evidence: verdict.evidence });
      continue;
    }
    const [rx, ry] = [root(x), root(y)];
    if (rx === ry) continue;
    if (rejected.has(pairKey(rx, ry))) {
      suggestions.push({ entityType, x, y, confidence: verdict.confidence, evidence: verdict.evidence });
      continue;
    }
    const [survivorId, mergedId] = rx < ry ? [rx, ry] : [ry, rx];
    parent.set(mergedId, survivorId);
    merges.push({ entityType, survivorId, mergedId, rule: verdict.rule, confidence: verdict.confidence, evidence: verdict.evidence });
  }
  // Pairs whose entities end up merged need no suggestion.
  return { merges, suggestions: suggestions.filter((s) => root(s.x) !== root(s.y)) };
}
