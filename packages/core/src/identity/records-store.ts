import { type IdentityEntityType, IdentityRecordEntityType, type IdentityRecordListQuery, IdentityRecordView, type IdentitySourceRecord } from '@lpdesk/contracts';
import { asEnum } from '../kernel/values.js';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { newId } from '../kernel/ids.js';
import type { Tx } from '../kernel/write.js';
import { DEFAULT_MAX_NAME_BLOCK, NAME_BLOCK_PREFIXES, type RecordFeatures } from './matching/index.js';
import { entityTypeOfKind, storedKeys } from './features.js';

/** How a record came to belong to its entity. */
export interface RecordJoin {
  rule: string;
  confidence: number;
  reason: string;
}

export interface StoredRecord {
  id: string;
  entityType: IdentityEntityType;
  entityId: string;
  created: boolean;
}

export async function findRecord(db: Db | Tx, source: string, externalId: string): Promise<Row<'identityRecords'> | undefined> {
  return db.selectFrom('identityRecords').selectAll().where('source', '=', source).where('externalId', '=', externalId).executeTakeFirst();
}

/**
 * Insert or update the record (by source and external id), refile its blocking keys and remember every
 * external id, name and email it carries as an alias of its entity. An existing record keeps its entity
 * and join unless `join` is given.
 */
export async function upsertRecord(
  tx: Tx,
  now: string,
  record: IdentitySourceRecord,
  features: RecordFeatures,
  entityId: string,
  join: RecordJoin,
  existing?: Row<'identityRecords'>,
): Promise<StoredRecord> {
  const entityType = entityTypeOfKind(record.kind);
  const recordJson = JSON.stringify(record);
  const observedAt = record.observedAt ?? existing?.observedAt ?? now;
  let id: string;
  if (existing) {
    id = existing.id;
    await tx
      .updateTable('identityRecords')
      .set({
        recordJson,
        observedAt,
        entityId,
        entityType,
        kind: record.kind,
        rule: join.rule,
        confidence: join.confidence,
        reason: join.reason,
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
    await tx.deleteFrom('identityRecordKeys').where('recordId', '=', id).execute();
  } else {
    id = newId();
    await tx
      .insertInto('identityRecords')
      .values({
        id,
        source: record.source,
        externalId: record.externalId,
        kind: record.kind,
        entityType,
        entityId,
        ...join,
        recordJson,
        observedAt,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  const keys = storedKeys(features);
  if (keys.length > 0)
    await tx
      .insertInto('identityRecordKeys')
      .values(keys.map((key) => ({ recordId: id, key, entityId })))
      .execute();
  await addAliases(tx, now, entityType, entityId, record, features);
  return { id, entityType, entityId, created: !existing };
}

/** The unique index is (entity type, kind, source, value): a value already known is simply skipped. */
export async function addAliases(
  tx: Tx,
  now: string,
  entityType: IdentityEntityType,
  entityId: string,
  record: IdentitySourceRecord,
  features: RecordFeatures,
): Promise<void> {
  const rows = aliasRows(now, entityType, entityId, record, features);
  if (rows.length === 0) return;
  await tx
    .insertInto('entityAliases')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['entityType', 'kind', 'source', 'value']).doNothing())
    .execute();
}

/** Every external id, name and email a record carries, as alias rows of its entity. */
export function aliasRows(now: string, entityType: IdentityEntityType, entityId: string, record: IdentitySourceRecord, features: RecordFeatures) {
  const values = new Map<string, { kind: string; value: string }>();
  const add = (kind: string, value: string | null | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) values.set(`${kind}\u0000${trimmed}`, { kind, value: trimmed.slice(0, 400) });
  };
  add('external_id', record.externalId);
  add('name', [record.firstName, record.lastName].filter((part) => part?.trim()).join(' '));
  add('name', record.name);
  for (const email of features.emails) add('email', email.address);
  return [...values.values()].map((alias) => ({
    id: newId(),
    entityType,
    entityId,
    kind: alias.kind,
    source: record.source,
    value: alias.value,
    createdAt: now,
  }));
}

export function presentRecord(row: Row<'identityRecords'>): IdentityRecordView {
  return {
    id: row.id,
    source: row.source,
    externalId: row.externalId,
    kind: asEnum(IdentityRecordView.shape.kind, row.kind),
    entityType: asEnum(IdentityRecordEntityType, row.entityType),
    entityId: row.entityId,
    rule: row.rule,
    confidence: Number(row.confidence),
    reason: row.reason,
    record: JSON.parse(row.recordJson) as Record<string, unknown>,
    observedAt: row.observedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listRecords(
  db: Db,
  query: IdentityRecordListQuery,
): Promise<{ data: IdentityRecordView[]; total: number; limit: number; offset: number }> {
  let base = db.selectFrom('identityRecords');
  if (query.source !== undefined) base = base.where('source', '=', query.source);
  if (query.externalId !== undefined) base = base.where('externalId', '=', query.externalId);
  if (query.entityId !== undefined) base = base.where('entityId', '=', query.entityId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('createdAt').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(presentRecord), total: Number(count.n), limit: query.limit, offset: query.offset };
}

export async function recordsOfEntities(db: Db | Tx, entityIds: readonly string[]): Promise<Row<'identityRecords'>[]> {
  const unique = [...new Set(entityIds)];
  const rows: Row<'identityRecords'>[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('identityRecords')
        .selectAll()
        .where('entityId', 'in', unique.slice(i, i + 500))
        .orderBy('createdAt')
        .orderBy('id')
        .execute()),
    );
  }
  return rows;
}

const isNameKey = (storedKey: string) => NAME_BLOCK_PREFIXES.some((prefix) => storedKey.slice(storedKey.indexOf('|') + 1).startsWith(prefix));

/**
 * Entities that have a record filed under any of `keys`, other than `exceptEntityId`. Identifier keys
 * (email, LinkedIn, phone, organization name, domain) are exact and small; a name key can hold hundreds
 * of namesakes, so at most DEFAULT_MAX_NAME_BLOCK of those are compared.
 */
export async function entitiesSharingKeys(db: Db | Tx, keys: readonly string[], exceptEntityId?: string): Promise<string[]> {
  const unique = [...new Set(keys)];
  const found = new Set<string>();
  for (const [group, limit] of [
    [unique.filter((key) => !isNameKey(key)), 1000],
    [unique.filter(isNameKey), DEFAULT_MAX_NAME_BLOCK],
  ] as const) {
    if (group.length === 0) continue;
    let query = db.selectFrom('identityRecordKeys').select('entityId').distinct().where('key', 'in', group);
    if (exceptEntityId) query = query.where('entityId', '!=', exceptEntityId);
    for (const row of await query.limit(limit).execute()) found.add(row.entityId);
  }
  return [...found];
}

export { isNameKey };
