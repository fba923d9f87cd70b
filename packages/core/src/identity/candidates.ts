import type { IdentityEntityType, IdentityRecordKind, IdentitySourceRecord } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { entityRefs } from './entity-refs.js';
import { detectShared, featuresOf, parseStoredRecord, storedKeys } from './features.js';
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
  return combineByEntity(await entityRecords(db, entityIds, kind), options);
}

async function entityRecords(
  db: Db | Tx,
  entityIds: readonly string[],
  kind: IdentityRecordKind,
): Promise<{ entityId: string; record: IdentitySourceRecord }[]> {
  return (await recordsOfEntities(db, entityIds))
    .filter((row) => row.kind === kind)
    .map((row) => ({ entityId: row.entityId, record: parseStoredRecord(row.recordJson) }));
}

function combineByEntity(records: { entityId: string; record: IdentitySourceRecord }[], options: FeatureOptions): Map<string, RecordFeatures> {
  const byEntity = new Map<string, RecordFeatures[]>();
  for (const { entityId, record } of records) {
    const list = byEntity.get(entityId) ?? [];
    list.push(featuresOf(record, options));
    byEntity.set(entityId, list);
  }
  return new Map([...byEntity].map(([entityId, list]) => [entityId, combineFeatures(list)]));
}

/** The same features with these values flagged as shared (they then never merge on their own). */
function markShared(features: RecordFeatures, shared: ReadonlySet<string>): RecordFeatures {
  return {
    ...features,
    emails: features.emails.map((email) => (shared.has(email.matchKey) ? { ...email, shared: true } : email)),
    phones: features.phones.map((phone) => (shared.has(phone.e164) ? { ...phone, shared: true, observedShared: true } : phone)),
  };
}

/**
 * Live entities that share a blocking key with `features`, each with the matcher's verdict, best first.
 * Only entities sharing a key are compared: that is what keeps real-time resolution cheap.
 */
export async function rankCandidates(db: Db | Tx, features: RecordFeatures, options: FeatureOptions, exceptEntityId?: string): Promise<RankedCandidate[]> {
  const entityIds = await entitiesSharingKeys(db, storedKeys(features), exceptEntityId);
  if (entityIds.length === 0) return [];
  const entityType: IdentityEntityType = features.kind === 'person' ? 'contact' : 'organization';
  const [records, refs] = await Promise.all([entityRecords(db, entityIds, features.kind), entityRefs(db, entityType, entityIds)]);
  let known = combineByEntity(records, options);
  let incoming = features;
  // A value this record shares with people of other names (a joint email, a main line) is shared evidence here too.
  const shared = detectShared([features, ...known.values()]);
  if (shared.size > 0) {
    known = combineByEntity(records, { ...options, sharedValues: new Set([...(options.sharedValues ?? []), ...shared]) });
    incoming = markShared(features, shared);
  }
  const ranked: RankedCandidate[] = [];
  for (const [entityId, combined] of known) {
    const ref = refs.get(entityId);
    if (!ref || ref.deleted) continue;
    ranked.push({ entityId, verdict: compareFeatures(incoming, combined) });
  }
  return ranked.sort((x, y) => y.verdict.confidence - x.verdict.confidence || (x.entityId < y.entityId ? -1 : 1));
}

/** The reasons a verdict gives for a match, as one line for the record's join. */
export function reasonOf(verdict: MatchVerdict): string {
  const reasons = verdict.evidence.filter((e) => e.direction === 'for').map((e) => e.reason);
  return reasons.length > 0 ? reasons.join('; ') : verdict.rule;
}
