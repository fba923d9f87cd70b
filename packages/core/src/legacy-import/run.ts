import { createHash } from 'node:crypto';
import type { IdentitySettings } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import type { AuditedTable } from '../kernel/records.js';
import type { WriteScope } from '../kernel/write.js';
import type { BridgeMerge } from '../identity/resolver.js';
import type { LegacyDatabase } from './reader.js';
import { countCreated, countUpdated, type LegacyEntityRef, type LegacyImportReport } from './report.js';

/** Everything one import carries from area to area: the transaction, the file, the report and the id maps. */
export interface ImportRun {
  scope: WriteScope;
  legacy: LegacyDatabase;
  report: LegacyImportReport;
  thresholds: IdentitySettings;
  bridges: BridgeMerge[];
  /** Entities this run created (their createdAt is backdated to the legacy row's). */
  createdIds: Set<string>;
  /** Which legacy rows each LP Desk entity gathers: two or more make a merge in the report. */
  refsByEntity: Map<string, { entityType: string; refs: LegacyEntityRef[]; reasons: Set<string> }>;
  users: Map<string, { id: string; name: string }>;
  organizations: Map<string, string>;
  contacts: Map<string, string>;
  /** Legacy contact id → the LP Desk organization that invests (its organization, else one made for the person). */
  investorOfContact: Map<string, string>;
  gridInvestors: Map<string, string>;
  gridContacts: Map<string, string>;
  /** Normalized fund name → fund id; grid fund ids → fund id. */
  fundsByName: Map<string, string>;
  gridFunds: Map<string, string>;
  opportunities: Map<string, string>;
  lpProfiles: Map<string, string>;
  communications: Map<string, string>;
  tagsByName: Map<string, string>;
}

export const LEGACY_SOURCE = (table: string) => `legacy.${table}`;

export const normalizedName = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

export const fingerprintOf = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');

export type LedgerState = 'new' | 'changed' | 'same';

/** Where a legacy row went before, if it was imported by an earlier run. */
export async function ledgerEntry(run: ImportRun, table: string, legacyId: string) {
  return run.scope.tx.selectFrom('legacyImportRows').selectAll().where('sourceTable', '=', table).where('legacyId', '=', legacyId).executeTakeFirst();
}

/**
 * File the legacy row in the ledger with a fingerprint of what was read: 'new' the first time, 'changed'
 * when the file says something else since, 'same' otherwise (a re-run then leaves the entity alone).
 */
export async function track(
  run: ImportRun,
  table: string,
  legacyId: string,
  entityType: string,
  entityId: string | null,
  payload: unknown,
): Promise<LedgerState> {
  const { tx, now } = run.scope;
  const fingerprint = fingerprintOf(payload);
  const existing = await ledgerEntry(run, table, legacyId);
  if (!existing) {
    await tx
      .insertInto('legacyImportRows')
      .values({ sourceTable: table, legacyId, entityType, entityId, fingerprint, importedAt: now, updatedAt: now })
      .execute();
    return 'new';
  }
  if (existing.fingerprint === fingerprint && existing.entityId === entityId) return 'same';
  await tx
    .updateTable('legacyImportRows')
    .set({ fingerprint, entityId, entityType, updatedAt: now })
    .where('sourceTable', '=', table)
    .where('legacyId', '=', legacyId)
    .execute();
  return 'changed';
}

/** Count a tracked row in the report: created the first time, updated when the legacy file changed. */
export function countState(run: ImportRun, entity: string, state: LedgerState, createdNow: boolean): void {
  if (state === 'new' && createdNow) countCreated(run.report, entity);
  else if (state === 'changed') countUpdated(run.report, entity);
}

export function noteRef(run: ImportRun, entityType: string, entityId: string, ref: LegacyEntityRef, reason?: string): void {
  const entry = run.refsByEntity.get(entityId) ?? { entityType, refs: [], reasons: new Set<string>() };
  if (!entry.refs.some((known) => known.table === ref.table && known.id === ref.id)) entry.refs.push(ref);
  if (reason) entry.reasons.add(reason);
  run.refsByEntity.set(entityId, entry);
}

/**
 * An entity created in this transaction still carries the import's clock reading: it takes the legacy
 * row's creation time instead (the earliest, when several legacy rows become one).
 */
export async function backdate(run: ImportRun, table: AuditedTable, id: string, legacyCreatedAt: string | null): Promise<boolean> {
  const row = await run.scope.tx
    .selectFrom(table as 'organizations')
    .select(['createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return false;
  const createdNow = row.createdAt === run.scope.now && !run.createdIds.has(id);
  if (createdNow) run.createdIds.add(id);
  if (legacyCreatedAt && (run.createdIds.has(id) || createdNow) && (row.createdAt === run.scope.now || legacyCreatedAt < row.createdAt)) {
    await run.scope.tx
      .updateTable(table as 'organizations')
      .set({ createdAt: legacyCreatedAt })
      .where('id', '=', id)
      .execute();
  }
  return createdNow;
}

/** A source record attached to an entity by the importer itself (not matched by rules): commitments, users, grid rows. */
export async function attachRecord(
  run: ImportRun,
  source: string,
  externalId: string,
  entityType: 'commitment' | 'user' | 'organization' | 'contact' | 'communication',
  entityId: string,
  record: Record<string, unknown>,
  reason: string,
  observedAt: string | null,
): Promise<void> {
  const { tx, now } = run.scope;
  const recordJson = JSON.stringify(record);
  const existing = await tx
    .selectFrom('identityRecords')
    .select(['id', 'recordJson', 'entityId'])
    .where('source', '=', source)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
  if (existing) {
    if (existing.recordJson !== recordJson || existing.entityId !== entityId) {
      await tx.updateTable('identityRecords').set({ recordJson, entityId, entityType, updatedAt: now }).where('id', '=', existing.id).execute();
    }
    return;
  }
  await tx
    .insertInto('identityRecords')
    .values({
      id: newId(),
      source,
      externalId,
      kind: entityType,
      entityType,
      entityId,
      rule: 'legacy_import',
      confidence: 1,
      reason,
      recordJson,
      observedAt: observedAt ?? now,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await tx
    .insertInto('entityAliases')
    .values({ id: newId(), entityType, entityId, kind: 'external_id', source, value: externalId, createdAt: now })
    .onConflict((conflict) => conflict.columns(['entityType', 'kind', 'source', 'value']).doNothing())
    .execute();
}
