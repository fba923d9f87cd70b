import { IDENTITY_RECORDS_PER_CALL, type IdentityEntityType, type IdentityResolution, type IdentitySourceRecord } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, type IdentitySettings, identitySettings } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { type WriteScope, write } from '../kernel/write.js';
import { rankCandidates, reasonOf } from './candidates.js';
import { createContactFor, createOrganizationFor, fillContact, fillOrganization, linkWorksAt } from './entity-writes.js';
import { entityTypeOfKind, featureOptions, featuresOf } from './features.js';
import type { FeatureOptions } from './matching/index.js';
import { mergeEntities } from './merges/index.js';
import { findRecord, upsertRecord } from './records-store.js';
import { pairKey, rejectedPairs, type SuggestionCandidate, upsertSuggestions } from './suggestions.js';

/** A record that matched two entities: they are one, merged after the records' transaction commits. */
export interface BridgeMerge {
  entityType: IdentityEntityType;
  survivorId: string;
  mergedId: string;
  rule: string;
  confidence: number;
  evidence: SuggestionCandidate['evidence'];
}

interface ResolveContext {
  scope: WriteScope;
  options: FeatureOptions;
  thresholds: IdentitySettings;
  bridges: BridgeMerge[];
  suggestions: SuggestionCandidate[];
  /** Organization mentions already resolved in this call (many people name the same firm). */
  organizations: Map<string, string>;
}

/**
 * Map source records to canonical contacts and organizations (issue 11): join the best entity at or
 * above the auto-merge threshold, else start a new one; keep the evidence; queue suggestions for the
 * near misses. Re-posting a (source, externalId) updates the record, which stays on its entity.
 */
export async function resolveRecords(core: CoreContext, actor: Actor, records: IdentitySourceRecord[]): Promise<IdentityResolution[]> {
  if (records.length > IDENTITY_RECORDS_PER_CALL) {
    throw new Invalid(`at most ${IDENTITY_RECORDS_PER_CALL} records per call`, {
      issues: [{ path: ['records'], message: `at most ${IDENTITY_RECORDS_PER_CALL} records per call` }],
    });
  }
  const bridges: BridgeMerge[] = [];
  const results = await write(core, actor, async (scope) => (await resolveRecordsIn(scope, identitySettings(core), records, bridges)).resolutions);
  await applyBridgeMerges(core, actor, bridges);
  return results;
}

export interface ResolvedInScope {
  resolutions: IdentityResolution[];
  /** Near misses queued as suggestions by this call. */
  suggestions: SuggestionCandidate[];
}

/**
 * Resolve inside a caller's write (a bulk import that must commit with the rest of its rows). Clear
 * matches to a second entity are pushed to `bridges`: the caller merges them after its commit.
 */
export async function resolveRecordsIn(
  scope: WriteScope,
  thresholds: IdentitySettings,
  records: IdentitySourceRecord[],
  bridges: BridgeMerge[],
): Promise<ResolvedInScope> {
  const context: ResolveContext = {
    scope,
    options: featureOptions(scope.settings),
    thresholds,
    bridges,
    suggestions: [],
    organizations: new Map(),
  };
  const resolutions: IdentityResolution[] = [];
  for (const record of records) resolutions.push(await resolveOne(context, record));
  await upsertSuggestions(scope.tx, scope.now, context.suggestions);
  return { resolutions, suggestions: context.suggestions };
}

async function resolveOne(context: ResolveContext, record: IdentitySourceRecord): Promise<IdentityResolution> {
  const { scope, options, thresholds } = context;
  const features = featuresOf(record, options);
  const existing = await findRecord(scope.tx, record.source, record.externalId);
  let entityId: string;
  // A new entity was made from this very record: there is nothing for it to fill.
  let created = false;
  if (existing) {
    entityId = existing.entityId;
    await upsertRecord(
      scope.tx,
      scope.now,
      record,
      features,
      entityId,
      { rule: existing.rule, confidence: Number(existing.confidence), reason: existing.reason },
      existing,
    );
  } else {
    const ranked = await rankCandidates(scope.tx, features, options);
    const best = ranked[0];
    if (best && best.verdict.confidence >= thresholds.autoMergeThreshold) {
      entityId = best.entityId;
      const join = { rule: best.verdict.rule, confidence: best.verdict.confidence, reason: reasonOf(best.verdict) };
      await upsertRecord(scope.tx, scope.now, record, features, entityId, join);
      // The entity's timeline says which source record joined it and why.
      await scope.log({
        action: 'link_record',
        entityType: entityTypeOfKind(record.kind),
        entityId,
        diff: { source: record.source, externalId: record.externalId, ...join },
      });
    } else {
      entityId = record.kind === 'person' ? await createContactFor(scope, record, features) : await createOrganizationFor(scope, record);
      created = true;
      await upsertRecord(scope.tx, scope.now, record, features, entityId, {
        rule: 'new',
        confidence: 1,
        reason: 'no existing entity matched; this record started it',
      });
    }
    await queueOthers(
      context,
      record,
      entityId,
      ranked.filter((candidate) => candidate.entityId !== entityId),
    );
  }
  if (!created && record.kind === 'person') await fillContact(scope, entityId, record, features);
  else if (!created) await fillOrganization(scope, entityId, record);
  if (record.kind === 'person' && record.organization?.trim()) {
    const organizationId = await resolveOrganizationNamed(context, record);
    await linkWorksAt(scope, entityId, organizationId, record, record.observedAt ?? existing?.observedAt ?? scope.now);
  }
  return { source: record.source, externalId: record.externalId, entityType: record.kind === 'person' ? 'contact' : 'organization', entityId };
}

/** Other entities the record matched: a second clear match bridges them (merge), a near miss is a suggestion. */
async function queueOthers(
  context: ResolveContext,
  record: IdentitySourceRecord,
  entityId: string,
  others: Awaited<ReturnType<typeof rankCandidates>>,
): Promise<void> {
  const { thresholds } = context;
  const relevant = others.filter((candidate) => candidate.verdict.confidence >= thresholds.suggestThreshold);
  if (relevant.length === 0) return;
  const rejected = await rejectedPairs(context.scope.tx, [entityId]);
  const entityType: IdentityEntityType = record.kind === 'person' ? 'contact' : 'organization';
  for (const { entityId: other, verdict } of relevant) {
    if (rejected.has(pairKey(entityId, other))) continue;
    if (verdict.confidence >= thresholds.autoMergeThreshold) {
      context.bridges.push({
        entityType,
        survivorId: entityId,
        mergedId: other,
        rule: verdict.rule,
        confidence: verdict.confidence,
        evidence: verdict.evidence,
      });
    } else {
      context.suggestions.push({ entityType, x: entityId, y: other, confidence: verdict.confidence, evidence: verdict.evidence });
    }
  }
}

/**
 * The organization a person record names: the one a previous mention from this source resolved to, else
 * a clear match among known organizations, else a live organization of exactly that name, else a new one.
 */
async function resolveOrganizationNamed(context: ResolveContext, person: IdentitySourceRecord): Promise<string> {
  const { scope, options, thresholds } = context;
  const name = (person.organization ?? '').trim();
  const mention: IdentitySourceRecord = {
    source: person.source,
    externalId: `organization:${name.toLowerCase().replace(/\s+/g, ' ')}`.slice(0, 256),
    kind: 'organization',
    name,
    emails: [],
    phones: [],
    ...(person.observedAt ? { observedAt: person.observedAt } : {}),
  };
  const cached = context.organizations.get(mention.externalId);
  if (cached) return cached;
  const existing = await findRecord(scope.tx, mention.source, mention.externalId);
  if (existing) {
    const live = await scope.tx.selectFrom('organizations').select('id').where('id', '=', existing.entityId).where('deletedAt', 'is', null).executeTakeFirst();
    if (live) {
      context.organizations.set(mention.externalId, existing.entityId);
      return existing.entityId;
    }
  }
  const features = featuresOf(mention, options);
  const best = (await rankCandidates(scope.tx, features, options))[0];
  let organizationId: string;
  let join = { rule: 'new', confidence: 1, reason: `named on ${person.source} record ${person.externalId}` };
  if (best && best.verdict.confidence >= thresholds.autoMergeThreshold) {
    organizationId = best.entityId;
    join = { rule: best.verdict.rule, confidence: best.verdict.confidence, reason: reasonOf(best.verdict) };
  } else {
    const sameName = await scope.tx
      .selectFrom('organizations')
      .select('id')
      .where('deletedAt', 'is', null)
      .where(sql<string>`lower(trim(name))`, '=', name.toLowerCase())
      .orderBy('id')
      .executeTakeFirst();
    if (sameName) {
      organizationId = sameName.id;
      join = { rule: 'same_organization_name', confidence: 0.9, reason: `an organization named "${name}" already exists` };
    } else {
      organizationId = await createOrganizationFor(scope, mention);
    }
  }
  await upsertRecord(scope.tx, scope.now, mention, features, organizationId, join, existing);
  context.organizations.set(mention.externalId, organizationId);
  return organizationId;
}

/** Merges run in their own transactions (reversible, logged); one that cannot run becomes a suggestion instead. */
export async function applyBridgeMerges(core: CoreContext, actor: Actor, bridges: BridgeMerge[]): Promise<number> {
  const retired = new Set<string>();
  const fallback: SuggestionCandidate[] = [];
  let merged = 0;
  for (const bridge of bridges) {
    if (retired.has(bridge.mergedId) || retired.has(bridge.survivorId)) continue;
    try {
      await mergeEntities(
        core,
        actor,
        { entityType: bridge.entityType, survivorId: bridge.survivorId, mergedId: bridge.mergedId, fields: {} },
        { rule: bridge.rule, confidence: bridge.confidence },
      );
      retired.add(bridge.mergedId);
      merged += 1;
    } catch {
      fallback.push({ entityType: bridge.entityType, x: bridge.survivorId, y: bridge.mergedId, confidence: bridge.confidence, evidence: bridge.evidence });
    }
  }
  if (fallback.length > 0) await write(core, actor, (scope) => upsertSuggestions(scope.tx, scope.now, fallback));
  return merged;
}
