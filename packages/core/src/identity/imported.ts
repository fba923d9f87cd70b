import type { IdentitySourceRecord } from '@lpdesk/contracts';
import { splitIntoChunks } from '../kernel/chunks.js';
import { newId } from '../kernel/ids.js';
import type { WriteScope } from '../kernel/write.js';
import { entityTypeOfKind, featureOptions, featuresOf, storedKeys } from './features.js';
import { aliasRows, findRecord, upsertRecord } from './records-store.js';

/**
 * An imported row as a source record of the entity the importer chose for it (created, updated or the
 * duplicate it skipped). The importer has already decided the match (the person chose skip, update or
 * create per row), so the resolver's auto-merge is not asked again; the record keeps the evidence.
 */
export async function upsertImportedRecord(scope: WriteScope, record: IdentitySourceRecord, entityId: string, reason: string): Promise<void> {
  const features = featuresOf(record, featureOptions(scope.settings));
  const existing = await findRecord(scope.tx, record.source, record.externalId);
  await upsertRecord(scope.tx, scope.now, record, features, entityId, { rule: 'import', confidence: 1, reason }, existing);
}

export interface ImportedRecord {
  record: IdentitySourceRecord;
  entityId: string;
  reason: string;
}

// Parameters per row: identity_records 13, keys 3, aliases 7 — chunks stay far below SQLite's 32,766.
const RECORDS_PER_INSERT = 500;
const KEYS_PER_INSERT = 2_000;
const ALIASES_PER_INSERT = 1_000;

/**
 * Many imported rows at once, as `upsertImportedRecord` stores each one: the records already known
 * (by source and external id) are read in one query and updated one by one; the new ones (every row of
 * a fresh import) go in with their blocking keys and aliases as a few multi-row inserts.
 */
export async function upsertImportedRecords(scope: WriteScope, items: ImportedRecord[]): Promise<void> {
  if (items.length === 0) return;
  const options = featureOptions(scope.settings);
  const known = new Set<string>();
  const bySource = new Map<string, string[]>();
  for (const { record } of items) bySource.set(record.source, [...(bySource.get(record.source) ?? []), record.externalId]);
  for (const [source, externalIds] of bySource) {
    for (const chunk of splitIntoChunks(externalIds, 1_000)) {
      const rows = await scope.tx.selectFrom('identityRecords').select('externalId').where('source', '=', source).where('externalId', 'in', chunk).execute();
      for (const row of rows) known.add(`${source}\u0000${row.externalId}`);
    }
  }
  const recordRows = [];
  const keyRows: { recordId: string; key: string; entityId: string }[] = [];
  const aliases = new Map<string, ReturnType<typeof aliasRows>[number]>();
  const seen = new Set<string>();
  for (const { record, entityId, reason } of items) {
    const identity = `${record.source}\u0000${record.externalId}`;
    if (known.has(identity) || seen.has(identity)) {
      // Rare (a row stored twice): the one-by-one path, which updates the stored record.
      await upsertImportedRecord(scope, record, entityId, reason);
      continue;
    }
    seen.add(identity);
    const features = featuresOf(record, options);
    const entityType = entityTypeOfKind(record.kind);
    const id = newId();
    recordRows.push({
      id,
      source: record.source,
      externalId: record.externalId,
      kind: record.kind,
      entityType,
      entityId,
      rule: 'import',
      confidence: 1,
      reason,
      recordJson: JSON.stringify(record),
      observedAt: record.observedAt ?? scope.now,
      createdAt: scope.now,
      updatedAt: scope.now,
    });
    for (const key of storedKeys(features)) keyRows.push({ recordId: id, key, entityId });
    for (const alias of aliasRows(scope.now, entityType, entityId, record, features)) {
      const unique = `${alias.entityType}\u0000${alias.kind}\u0000${alias.source}\u0000${alias.value}`;
      if (!aliases.has(unique)) aliases.set(unique, alias);
    }
  }
  for (const chunk of splitIntoChunks(recordRows, RECORDS_PER_INSERT)) await scope.tx.insertInto('identityRecords').values(chunk).execute();
  for (const chunk of splitIntoChunks(keyRows, KEYS_PER_INSERT)) await scope.tx.insertInto('identityRecordKeys').values(chunk).execute();
  for (const chunk of splitIntoChunks([...aliases.values()], ALIASES_PER_INSERT)) {
    await scope.tx
      .insertInto('entityAliases')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['entityType', 'kind', 'source', 'value']).doNothing())
      .execute();
  }
}
