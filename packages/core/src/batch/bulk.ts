import type { BatchRunView, BulkAction, BulkRequest } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import type { Permission } from '../kernel/permissions.js';
import { authorize } from '../kernel/permissions.js';
import { findRow } from '../kernel/records.js';
import { type LogEntry, type Tx, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { applyTagIn } from '../tags/commands.js';
import { BULK_TARGETS, type BulkTarget, resolveSelection } from './selections.js';
import { splitIntoChunks } from '../kernel/chunks.js';

/** Ids per statement: far below SQLite's parameter limit, small enough to lock a page at a time. */
export const BULK_CHUNK = 500;

export const BULK_PERMISSIONS: Record<BulkAction['kind'], Permission> = {
  setOwner: 'crm.write',
  addTag: 'tags.apply',
  removeTag: 'tags.apply',
  trash: 'crm.delete',
};

/** The state of a record that its batch changed, as the undo puts it back. */
export type BeforeValue = { ownerId: string | null } | { tagged: boolean } | { deletedAt: null };

export interface BatchItem {
  entityId: string;
  before: BeforeValue;
  versionAfter: number;
}

export const chunks = <T>(items: readonly T[], size = BULK_CHUNK): T[][] => splitIntoChunks(items, size);

/** The scope a batch's commands run in: every log entry they write carries the batch id. */
export function batchScope(scope: WriteScope, batchId: string): WriteScope {
  const tag = (entry: LogEntry): LogEntry => ({ ...entry, batchId });
  return { ...scope, log: (entry) => scope.log(tag(entry)), logMany: (entries) => scope.logMany(entries.map(tag)) };
}

/** Live rows of a chunk with their version, locked until the write ends (SQLite serializes writers already). */
export function lockRows(scope: WriteScope, target: BulkTarget, ids: string[], options: { trashed?: boolean } = {}) {
  let query = scope.tx
    .selectFrom(target.table as 'contacts')
    .select(['id', 'version', 'ownerId', 'deletedAt'])
    .where('id', 'in', ids)
    .where('deletedAt', options.trashed ? 'is not' : 'is', null);
  if (scope.dialect === 'postgres') query = query.forUpdate();
  return query.execute();
}

async function setOwner(scope: WriteScope, target: BulkTarget, ids: string[], ownerId: string | null): Promise<BatchItem[]> {
  const rows = (await lockRows(scope, target, ids)).filter((row) => row.ownerId !== ownerId);
  if (rows.length === 0) return [];
  await scope.tx
    .updateTable(target.table as 'contacts')
    .set((eb) => ({ ownerId, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
    .where(
      'id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  await scope.logMany(
    rows.map((row) => ({ action: 'update', entityType: target.entityType, entityId: row.id, diff: { before: { ownerId: row.ownerId }, after: { ownerId } } })),
  );
  return rows.map((row) => ({ entityId: row.id, before: { ownerId: row.ownerId }, versionAfter: row.version + 1 }));
}

async function taggedAmong(tx: Tx, target: BulkTarget, tagId: string, ids: string[]): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('entityTags')
    .select('entityId')
    .where('tagId', '=', tagId)
    .where('entityType', '=', target.entityType)
    .where('entityId', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.entityId));
}

/** Tagging goes through the tag command itself (one version and one log entry per record it changes). */
async function setTag(scope: WriteScope, target: BulkTarget, ids: string[], tagId: string, remove: boolean): Promise<BatchItem[]> {
  const rows = await lockRows(scope, target, ids);
  const tagged = await taggedAmong(scope.tx, target, tagId, ids);
  const changing = rows.filter((row) => tagged.has(row.id) === remove);
  if (changing.length === 0) return [];
  await applyTagIn(scope, tagId, { entityType: target.entityType, entityIds: changing.map((row) => row.id), remove });
  return changing.map((row) => ({ entityId: row.id, before: { tagged: remove }, versionAfter: row.version + 1 }));
}

async function trash(scope: WriteScope, target: BulkTarget, ids: string[]): Promise<BatchItem[]> {
  const rows = await lockRows(scope, target, ids);
  if (rows.length === 0) return [];
  const changed = rows.map((row) => row.id);
  // What softDeleteRow does for one record, set-based: same columns, same version step, same log entry.
  await scope.tx
    .updateTable(target.table as 'contacts')
    .set((eb) => ({ deletedAt: scope.now, deletedBy: scope.actor.id, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
    .where('id', 'in', changed)
    .execute();
  await target.afterTrashOrRestore?.(scope.tx, changed);
  await scope.logMany(
    changed.map((id) => ({
      action: 'delete',
      entityType: target.entityType,
      entityId: id,
      diff: { before: { deletedAt: null }, after: { deletedAt: scope.now } },
    })),
  );
  return rows.map((row) => ({ entityId: row.id, before: { deletedAt: null }, versionAfter: row.version + 1 }));
}

function applyAction(scope: WriteScope, target: BulkTarget, ids: string[], action: BulkAction): Promise<BatchItem[]> {
  switch (action.kind) {
    case 'setOwner':
      return setOwner(scope, target, ids, action.ownerId);
    case 'addTag':
      return setTag(scope, target, ids, action.tagId, false);
    case 'removeTag':
      return setTag(scope, target, ids, action.tagId, true);
    case 'trash':
      return trash(scope, target, ids);
  }
}

const paramsOf = (action: BulkAction) => {
  const { kind: _kind, ...params } = action;
  return params;
};

export function presentBatch(row: {
  id: string;
  collection: string;
  action: string;
  count: number;
  matched: number;
  createdAt: string;
  undoneAt: string | null;
}): BatchRunView {
  return {
    id: row.id,
    collection: row.collection as BatchRunView['collection'],
    action: row.action as BatchRunView['action'],
    count: Number(row.count),
    matched: Number(row.matched),
    createdAt: row.createdAt,
    undoneAt: row.undoneAt,
  };
}

/**
 * One bulk action over a whole selection as ONE write: every record changes in the same transaction
 * (all or nothing), each gets its own log entry, all entries share the batch id, and the batch keeps
 * what it changed so `undoBatch` can put it back in one step. Records that already had the value
 * (already tagged, already owned by that user) are left alone and not counted.
 */
export async function runBulkAction(core: CoreContext, actor: Actor, request: BulkRequest): Promise<BatchRunView> {
  authorize(actor, BULK_PERMISSIONS[request.action.kind]);
  const target = BULK_TARGETS[request.collection];
  const { action } = request;
  // Checked before any row changes, so a bad owner or tag is a clear 4xx and nothing is half-written.
  if (action.kind === 'setOwner') await assertUserExists(core.db, action.ownerId, 'action.ownerId');
  if (action.kind === 'addTag' || action.kind === 'removeTag') await findRow(core.db, 'tags', action.tagId, 'Tag');
  const ids = await resolveSelection(core, request);
  const batchId = newId();
  return write(core, actor, async (outer) => {
    const scope = batchScope(outer, batchId);
    const row = {
      id: batchId,
      collection: request.collection,
      entityType: target.entityType,
      action: action.kind,
      paramsJson: JSON.stringify(paramsOf(action)),
      matched: ids.length,
      count: 0,
      actorId: actor.id,
      actorName: actor.name,
      createdAt: scope.now,
      undoneAt: null,
      undoneBy: null,
    };
    await scope.tx.insertInto('batches').values(row).execute();
    let count = 0;
    for (const chunk of chunks(ids)) {
      const items = await applyAction(scope, target, chunk, action);
      if (items.length === 0) continue;
      await scope.tx
        .insertInto('batchItems')
        .values(items.map((item) => ({ batchId, entityId: item.entityId, beforeJson: JSON.stringify(item.before), versionAfter: item.versionAfter })))
        .execute();
      count += items.length;
    }
    await scope.tx.updateTable('batches').set({ count }).where('id', '=', batchId).execute();
    return presentBatch({ ...row, count });
  });
}
