import type {
  IdentityCandidatesInput,
  IdentityCandidateView as CandidateViewSchema,
  IdentityEntityRef,
  IdentityEntityType,
  IdentityMergeView,
  IdentitySourceRecord,
  IdentityWhyView,
} from '@lpdesk/contracts';
import type { z } from 'zod';

type IdentityCandidateView = z.infer<typeof CandidateViewSchema>;
import type { Row } from '../db/schema.js';
import { type CoreContext, identitySettings } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { rankCandidates, entityFeatures } from './candidates.js';
import { entityRef, entityRefs, entityTypeOf } from './entity-refs.js';
import { featureOptions, featuresOf, parseStoredRecord } from './features.js';
import { compareFeatures, type RecordFeatures } from './matching/index.js';
import { presentRecord, recordsOfEntities } from './records-store.js';
import { pairKey, rejectedPairs } from './suggestions.js';

async function requireEntity(core: CoreContext, id: string): Promise<IdentityEntityRef> {
  const entityType = await entityTypeOf(core.db, id);
  const ref = entityType ? await entityRef(core.db, entityType, id) : null;
  if (!ref) throw new NotFound('Contact or organization', id);
  return ref;
}

function presentMerges(rows: Row<'entityMerges'>[], refs: Map<string, IdentityEntityRef>): IdentityMergeView[] {
  return rows.map((row) => {
    const entityType: IdentityEntityType = row.entityType === 'contact' ? 'contact' : 'organization';
    const ref = (id: string) => refs.get(id) ?? { entityType, entityId: id, label: '(gone)', deleted: true };
    return {
      id: row.id,
      entityType,
      survivor: ref(row.survivorId),
      merged: ref(row.mergedId),
      rule: row.rule,
      confidence: row.confidence === null ? null : Number(row.confidence),
      fields: JSON.parse(row.fieldsJson) as IdentityMergeView['fields'],
      actorName: row.actorName,
      createdAt: row.createdAt,
      undoneAt: row.undoneAt,
      undoneBy: row.undoneBy,
    };
  });
}

/** How an entity was built: its records with the rule that joined each, the merges folded into it, its aliases. */
export async function howEntity(core: CoreContext, id: string) {
  const entity = await requireEntity(core, id);
  const [records, merges, aliases] = await Promise.all([
    recordsOfEntities(core.db, [id]),
    core.db.selectFrom('entityMerges').selectAll().where('survivorId', '=', id).orderBy('createdAt').execute(),
    core.db
      .selectFrom('entityAliases')
      .select(['kind', 'source', 'value'])
      .where('entityId', '=', id)
      .orderBy('kind')
      .orderBy('source')
      .orderBy('value')
      .execute(),
  ]);
  const refs = await entityRefs(
    core.db,
    entity.entityType,
    merges.flatMap((m) => [m.survivorId, m.mergedId]),
  );
  return { entity, records: records.map(presentRecord), merges: presentMerges(merges, refs), aliases };
}

interface Side {
  ref: IdentityEntityRef;
  recordId: string | null;
  features: RecordFeatures | null;
}

/** A record id stands for that record's evidence; an entity id for everything its records say. */
async function sideOf(core: CoreContext, id: string): Promise<Side> {
  const options = featureOptions(core.settings);
  const record = await core.db.selectFrom('identityRecords').selectAll().where('id', '=', id).executeTakeFirst();
  if (record) {
    const entityType: IdentityEntityType = record.entityType === 'contact' ? 'contact' : 'organization';
    const ref = (await entityRef(core.db, entityType, record.entityId)) ?? { entityType, entityId: record.entityId, label: '(gone)', deleted: true };
    return { ref, recordId: record.id, features: featuresOf(parseStoredRecord(record.recordJson), options) };
  }
  const ref = await requireEntity(core, id);
  const kind = ref.entityType === 'contact' ? 'person' : 'organization';
  return { ref, recordId: null, features: (await entityFeatures(core.db, [id], kind, options)).get(id) ?? null };
}

/** Why two records or entities do or do not match: the matcher's evidence both ways, and the verdict. */
export async function whyPair(core: CoreContext, a: string, b: string): Promise<IdentityWhyView> {
  const [left, right] = await Promise.all([sideOf(core, a), sideOf(core, b)]);
  const thresholds = identitySettings(core);
  const verdict =
    left.features && right.features
      ? compareFeatures(left.features, right.features)
      : {
          confidence: 0,
          rule: 'none',
          evidence: [{ rule: 'no_records', direction: 'against' as const, confidence: 1, reason: 'one side has no source records yet (run a scan)' }],
        };
  const sameEntity = left.ref.entityId === right.ref.entityId;
  const rejected = !sameEntity && (await rejectedPairs(core.db, [left.ref.entityId])).has(pairKey(left.ref.entityId, right.ref.entityId));
  const confidence = Math.max(0, Math.min(1, verdict.confidence));
  const outcome: IdentityWhyView['verdict'] = rejected
    ? 'rejected'
    : confidence >= thresholds.autoMergeThreshold
      ? 'merge'
      : confidence >= thresholds.suggestThreshold
        ? 'suggest'
        : 'distinct';
  return {
    a: { ...left.ref, recordId: left.recordId },
    b: { ...right.ref, recordId: right.recordId },
    sameEntity,
    confidence,
    verdict: outcome,
    evidence: verdict.evidence,
    thresholds: { autoMerge: thresholds.autoMergeThreshold, suggest: thresholds.suggestThreshold },
  };
}

const MAX_CANDIDATES = 5;

/** The create form's "possible duplicate" check: live entities at or above the suggestion threshold, best first. */
export async function candidatesFor(core: CoreContext, draft: z.output<typeof IdentityCandidatesInput>): Promise<{ data: IdentityCandidateView[] }> {
  const record: IdentitySourceRecord = { ...draft, source: 'draft', externalId: 'draft' };
  const options = featureOptions(core.settings);
  const thresholds = identitySettings(core);
  const ranked = (await rankCandidates(core.db, featuresOf(record, options), options))
    .filter((c) => c.verdict.confidence >= thresholds.suggestThreshold)
    .slice(0, MAX_CANDIDATES);
  const entityType: IdentityEntityType = draft.kind === 'person' ? 'contact' : 'organization';
  const refs = await entityRefs(
    core.db,
    entityType,
    ranked.map((c) => c.entityId),
  );
  const data: IdentityCandidateView[] = [];
  for (const candidate of ranked) {
    const entity = refs.get(candidate.entityId);
    if (!entity || entity.deleted) continue;
    const confidence = Math.min(1, candidate.verdict.confidence);
    data.push({ entity, confidence, verdict: confidence >= thresholds.autoMergeThreshold ? 'merge' : 'suggest', evidence: candidate.verdict.evidence });
  }
  return { data };
}
