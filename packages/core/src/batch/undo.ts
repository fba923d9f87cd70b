import type { BatchUndoView, BulkCollection } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, NotFound } from '../kernel/errors.js';
import { authorize } from '../kernel/permissions.js';
import { type WriteScope, write } from '../kernel/write.js';
import { applyTagIn } from '../tags/commands.js';
import { type BatchItem, type BeforeValue, BULK_PERMISSIONS, batchScope, chunks, presentBatch } from './bulk.js';
import { BULK_TARGETS, type BulkTarget } from './selections.js';

type Skipped = BatchUndoView['skipped'][number];
type Action = keyof typeof BULK_PERMISSIONS;

interface CurrentRow {
  id: string;
  version: number;
  deletedAt: string | null;
  name: string;
}

async function currentRows(scope: WriteScope, target: BulkTarget, ids: string[]): Promise<Map<string, CurrentRow>> {
  const names = target.table === 'contacts' ? (['firstName', 'lastName'] as const) : (['name'] as const);
  let query = scope.tx
    .selectFrom(target.table as 'contacts')
    .select(['id', 'version', 'deletedAt', ...(names as unknown as ['firstName'])])
    .where('id', 'in', ids);
  if (scope.dialect === 'postgres') query = query.forUpdate();
  const rows = (await query.execute()) as unknown as (Omit<CurrentRow, 'name'> & { firstName?: string; lastName?: string; name?: string })[];
  return new Map(rows.map((row) => [row.id, { id: row.id, version: Number(row.version), deletedAt: row.deletedAt, name: target.nameOf(row) }]));
}

async function restoreOwners(scope: WriteScope, target: BulkTarget, items: BatchItem[]): Promise<void> {
  const byOwner = new Map<string | null, string[]>();
  for (const item of items) {
    const { ownerId } = item.before as { ownerId: string | null };
    byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), item.entityId]);
  }
  const current = await scope.tx
    .selectFrom(target.table as 'contacts')
    .select(['id', 'ownerId'])
    .where(
      'id',
      'in',
      items.map((item) => item.entityId),
    )
    .execute();
  const ownerNow = new Map(current.map((row) => [row.id, row.ownerId]));
  for (const [ownerId, ids] of byOwner) {
    await scope.tx
      .updateTable(target.table as 'contacts')
      .set((eb) => ({ ownerId, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
      .where('id', 'in', ids)
      .execute();
    await scope.logMany(
      ids.map((id) => ({
        action: 'update',
        entityType: target.entityType,
        entityId: id,
        diff: { before: { ownerId: ownerNow.get(id) ?? null }, after: { ownerId } },
      })),
    );
  }
}

async function restoreFromTrash(scope: WriteScope, target: BulkTarget, items: BatchItem[], rows: Map<string, CurrentRow>): Promise<void> {
  const ids = items.map((item) => item.entityId);
  // What restoreRow does for one record, set-based.
  await scope.tx
    .updateTable(target.table as 'contacts')
    .set((eb) => ({ deletedAt: null, deletedBy: null, version: eb('version', '+', 1), updatedAt: scope.now, updatedBy: scope.actor.id }))
    .where('id', 'in', ids)
    .execute();
  await target.afterTrashOrRestore?.(scope.tx, ids);
  await scope.logMany(
    ids.map((id) => ({
      action: 'restore',
      entityType: target.entityType,
      entityId: id,
      diff: { before: { deletedAt: rows.get(id)?.deletedAt ?? null }, after: { deletedAt: null } },
    })),
  );
}

async function putBack(scope: WriteScope, target: BulkTarget, action: Action, params: { tagId?: string }, items: BatchItem[], rows: Map<string, CurrentRow>) {
  switch (action) {
    case 'setOwner':
      return restoreOwners(scope, target, items);
    case 'addTag':
    case 'removeTag':
      return void (await applyTagIn(scope, params.tagId ?? '', {
        entityType: target.entityType,
        entityIds: items.map((item) => item.entityId),
        remove: action === 'addTag',
      }));
    case 'trash':
      return restoreFromTrash(scope, target, items, rows);
  }
}

/**
 * Undo a bulk action in one write: each record it changed goes back to its value before the batch,
 * unless the record changed since (its version moved on): those are left as they are and reported,
 * so an undo never overwrites someone's later edit. The undo's log entries carry the batch id too.
 */
export async function undoBatch(core: CoreContext, actor: Actor, batchId: string): Promise<BatchUndoView> {
  const batch = await core.db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new NotFound('Batch', batchId);
  const action = batch.action as Action;
  authorize(actor, BULK_PERMISSIONS[action]);
  const target = BULK_TARGETS[batch.collection as BulkCollection];
  const params = JSON.parse(batch.paramsJson) as { tagId?: string };
  return write(core, actor, async (outer) => {
    const scope = batchScope(outer, batchId);
    // Claimed first: a second undo of the same batch (a double click, another tab) waits here and then sees it done.
    const claimed = await scope.tx
      .updateTable('batches')
      .set({ undoneAt: scope.now, undoneBy: actor.id })
      .where('id', '=', batchId)
      .where('undoneAt', 'is', null)
      .returning(['id'])
      .executeTakeFirst();
    if (!claimed) throw new Conflict('This batch was already undone');
    const items = await scope.tx.selectFrom('batchItems').selectAll().where('batchId', '=', batchId).orderBy('entityId').execute();
    const skipped: Skipped[] = [];
    let restored = 0;
    for (const chunk of chunks(items)) {
      const rows = await currentRows(
        scope,
        target,
        chunk.map((item) => item.entityId),
      );
      const unchanged: BatchItem[] = [];
      for (const item of chunk) {
        const row = rows.get(item.entityId);
        if (!row) skipped.push({ entityId: item.entityId, name: '', reason: 'no longer exists (purged from the trash)' });
        else if (row.version !== Number(item.versionAfter))
          skipped.push({ entityId: row.id, name: row.name, reason: 'changed since the batch; left as it is now' });
        else unchanged.push({ entityId: item.entityId, before: JSON.parse(item.beforeJson) as BeforeValue, versionAfter: Number(item.versionAfter) });
      }
      if (unchanged.length === 0) continue;
      await putBack(scope, target, action, params, unchanged, rows);
      restored += unchanged.length;
    }
    return { batch: presentBatch({ ...batch, undoneAt: scope.now }), restored, skipped };
  });
}
