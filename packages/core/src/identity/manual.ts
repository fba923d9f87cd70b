import type { Contact, IdentityEntityType, IdentitySourceRecord } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, identitySettings } from '../kernel/context.js';
import { type WriteScope, write } from '../kernel/write.js';
import { entityFeatures, rankCandidates } from './candidates.js';
import { featureOptions, featuresOf } from './features.js';
import { findRecord, upsertRecord } from './records-store.js';
import { pairKey, rejectedPairs, upsertSuggestions } from './suggestions.js';

export const MANUAL_SOURCE = 'manual';

interface OrganizationFields {
  id: string;
  name: string;
  website: string | null;
  location: string | null;
  updatedAt: string;
}

/** What a contact typed into LP Desk (UI, API or CLI) says, as a source record of its own. */
export function manualContactRecord(
  contact: Pick<Contact, 'id' | 'firstName' | 'lastName' | 'emails' | 'phones' | 'title' | 'linkedinUrl' | 'location' | 'primaryOrganization' | 'updatedAt'>,
): IdentitySourceRecord {
  return {
    source: MANUAL_SOURCE,
    externalId: contact.id,
    kind: 'person',
    firstName: contact.firstName || null,
    lastName: contact.lastName,
    emails: contact.emails.slice(0, 20),
    phones: contact.phones.map((phone) => phone.number).slice(0, 20),
    organization: contact.primaryOrganization?.name ?? null,
    title: contact.title,
    linkedin: contact.linkedinUrl,
    city: contact.location,
    observedAt: contact.updatedAt,
  };
}

export function manualOrganizationRecord(organization: OrganizationFields): IdentitySourceRecord {
  return {
    source: MANUAL_SOURCE,
    externalId: organization.id,
    kind: 'organization',
    name: organization.name,
    emails: [],
    phones: [],
    website: organization.website,
    city: organization.location,
    observedAt: organization.updatedAt,
  };
}

/** In the create/update transaction: the entity's own record, rule `manual`, confidence 1. */
export async function upsertManualRecord(scope: WriteScope, record: IdentitySourceRecord): Promise<void> {
  const features = featuresOf(record, featureOptions(scope.settings));
  const existing = await findRecord(scope.tx, record.source, record.externalId);
  await upsertRecord(scope.tx, scope.now, record, features, record.externalId, { rule: 'manual', confidence: 1, reason: 'typed into LP Desk' }, existing);
}

/**
 * After a manual create or edit: the person saw the duplicate warning, so nothing merges automatically;
 * every match at or above the suggestion threshold is queued for review instead. Never fails the caller.
 */
export async function suggestForEntity(core: CoreContext, actor: Actor, entityType: IdentityEntityType, entityId: string): Promise<number> {
  try {
    const options = featureOptions(core.settings);
    const kind = entityType === 'contact' ? 'person' : 'organization';
    const features = (await entityFeatures(core.db, [entityId], kind, options)).get(entityId);
    if (!features) return 0;
    const { suggestThreshold } = identitySettings(core);
    const ranked = (await rankCandidates(core.db, features, options, entityId)).filter((candidate) => candidate.verdict.confidence >= suggestThreshold);
    if (ranked.length === 0) return 0;
    const rejected = await rejectedPairs(core.db, [entityId]);
    const candidates = ranked
      .filter((candidate) => !rejected.has(pairKey(entityId, candidate.entityId)))
      .map((candidate) => ({ entityType, x: entityId, y: candidate.entityId, confidence: candidate.verdict.confidence, evidence: candidate.verdict.evidence }));
    return await write(core, actor, (scope) => upsertSuggestions(scope.tx, scope.now, candidates));
  } catch {
    return 0;
  }
}
