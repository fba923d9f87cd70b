import type { IdentitySourceRecord } from '@lpdesk/contracts';
import { findRecord } from '../identity/records-store.js';
import { resolveRecordsIn } from '../identity/resolver.js';
import { backdate, countState, fingerprintOf, type ImportRun, LEGACY_SOURCE, ledgerEntry, noteRef, track } from './run.js';

export interface LegacyPerson {
  kind: 'person';
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
  emails: string[];
  phones: string[];
  organization?: string | null;
  title?: string | null;
  linkedin?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface LegacyOrganization {
  kind: 'organization';
  name: string;
  website?: string | null;
  emails: string[];
  phones: string[];
  city?: string | null;
  country?: string | null;
}

/**
 * One legacy row through identity resolution (source `legacy.<table>`, external id the legacy id): it
 * joins the contact or organization it clearly matches (email, then normalized name + organization) or
 * starts one. Returns the entity and whether this call created it.
 */
export async function resolveLegacyRow(
  run: ImportRun,
  table: string,
  legacyId: string,
  described: LegacyPerson | LegacyOrganization,
  createdAt: string | null,
  label: string,
  /** What else of the row the caller writes (custom fields, tags…): a change there is a change of the row. */
  extra: unknown = null,
): Promise<{ entityId: string; createdNow: boolean; state: 'new' | 'changed' | 'same' }> {
  const payload = extra === null ? described : { described, extra };
  const source = LEGACY_SOURCE(table);
  const before = await findRecord(run.scope.tx, source, legacyId);
  if (before) {
    // Unchanged since the last run: the record stays on its entity (wherever merges have moved it since).
    const filed = await ledgerEntry(run, table, legacyId);
    if (filed?.fingerprint === fingerprintOf(payload)) {
      noteRef(
        run,
        before.entityType,
        before.entityId,
        { table, id: legacyId, name: label },
        before.rule !== 'new' ? `${before.rule}: ${before.reason}` : undefined,
      );
      return { entityId: before.entityId, createdNow: false, state: 'same' };
    }
  }
  const record = { ...described, source, externalId: legacyId, ...(createdAt ? { observedAt: createdAt } : {}) } as IdentitySourceRecord;
  const { resolutions } = await resolveRecordsIn(run.scope, run.thresholds, [record], run.bridges);
  const resolution = resolutions[0];
  if (!resolution) throw new Error(`identity resolution returned nothing for ${source} ${legacyId}`);
  const entityType = resolution.entityType;
  const createdNow = !before && (await backdate(run, entityType === 'contact' ? 'contacts' : 'organizations', resolution.entityId, createdAt));
  const stored = await findRecord(run.scope.tx, source, legacyId);
  const reason = stored && stored.rule !== 'new' ? `${stored.rule}: ${stored.reason}` : undefined;
  noteRef(run, entityType, resolution.entityId, { table, id: legacyId, name: label }, reason);
  const state = await track(run, table, legacyId, entityType, resolution.entityId, payload);
  countState(run, entityType, state, createdNow);
  return { entityId: resolution.entityId, createdNow, state };
}
