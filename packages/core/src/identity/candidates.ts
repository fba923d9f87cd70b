import type { IdentityEntityType, IdentityRecordKind } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { entityRefs } from './entity-refs.js';
import { featuresOf, parseStoredRecord, storedKeys } from './features.js';
import { combineFeatures, compareFeatures, type FeatureOptions, type MatchVerdict, type RecordFeatures } from './matching/index.js';
import { entitiesSharingKeys, recordsOfEntities } from './records-store.js';

export interface RankedCandidate {
  entityId: string;
  verdict: MatchVerdict;
}

/** What an entity is known by: the union of its records' features (null when it has no records of that kind). */
export async function entityFeatures(
  db: Db | Tx,
  entityIds: readonly string[],
  kind: IdentityRecordKind,
  options: FeatureOptions,
): Promise<Map<string, RecordFeatures>> {
  const byEntity = new Map<string, RecordFeatures[]>();
  for (const row of await recordsOfEntities(db, entityIds)) {
    if (row.kind !== kind) continue;
    const list = byEntity.get(row.entityId) ?? [];
    list.push(featuresOf(parseStoredRecord(row.recordJson), options));
    byEntity.set(row.entityId, list);
  }
  return new Map([...byEntity].map(([entityId, list]) => [entityId, combineFeatures(list)]));
}

/**
 * Live entities that share a blocking key with `features`, each with the matcher's verdict, best first.
 * Only entities sharing a key are compared: that is what keeps real-time resolution cheap.
 */
export async function rankCandidates(db: Db | Tx, features: RecordFeatures, options: FeatureOptions, exceptEntityId?: string): Promise<RankedCandidate[]> {
  const entityIds = await entitiesSharingKeys(db, storedKeys(features), exceptEntityId);
  if (entityIds.length === 0) return [];
  const entityType: IdentityEntityType = features.kind === 'person' ? 'contact' : 'organization';
  const [known, refs] = await Promise.all([entityFeatures(db, entityIds, features.kind, options), entityRefs(db, entityType, entityIds)]);
  const ranked: RankedCandidate[] = [];
  for (const [entityId, combined] of known) {
    const ref = refs.get(entityId);
    if (!ref || ref.deleted) continue;
    ranked.push({ entityId, verdict: compareFeatures(features, combined) });
  }
  return ranked.sort((x, y) => y.verdict.confidence - x.verdict.confidence || (x.entityId < y.entityId ? -1 : 1));
}

/** The reasons a verdict gives for a match, as one line for the record's join. */
export function reasonOf(verdict: MatchVerdict): string {
  const reasons = verdict.evidence.filter((e) => e.direction === 'for').map((e) => e.reason);
  return reasons.length > 0 ? reasons.join('; ') : verdict.rule;
}
