import type { ImportEntity, ImportUndoResult } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict } from '../kernel/errors.js';
import { type AuditedTable, softDeleteRow } from '../kernel/records.js';
import { type WriteScope, write } from '../kernel/write.js';
import { ADAPTERS } from './engine.js';
import type { FlatFields } from './entities/types.js';
import { sameValue } from './entities/types.js';
import { findImport } from './store.js';

const TABLES: Record<string, { table: AuditedTable; label: string }> = {
  organization: { table: 'organizations', label: 'Organization' },
  contact: { table: 'contacts', label: 'Contact' },
  commitment: { table: 'commitments', label: 'Commitment' },
  communication: { table: 'communications', label: 'Communication' },
  tag: { table: 'tags', label: 'Tag' },
};

/** Records go to the trash dependents first: a contact before the organization the same import created for it. */
const TRASH_ORDER = ['communication', 'commitment', 'contact', 'organization', 'tag'];

async function trash(scope: WriteScope, entityType: string, id: string, trashedIds: Set<string>): Promise<boolean> {
  const target = TABLES[entityType];
  if (!target) return false;
  if (entityType === 'tag') {
    // A tag the import created stays when someone has put it on other records since.
    const uses = await scope.tx.selectFrom('entityTags').select('entityId').where('tagId', '=', id).execute();
    if (uses.some((use) => !trashedIds.has(use.entityId))) return false;
  }
  const row = await scope.tx.selectFrom(target.table as 'organizations').select(['deletedAt']).where('id', '=', id).executeTakeFirst();
  if (!row || row.deletedAt !== null) return false;
  await softDeleteRow(scope, target.table, entityType, id, target.label);
  return true;
}

/**
 * Undo an import: what it created goes to the trash (restorable like anything else), what it updated
 * goes back to its values before the import. A field someone changed since is left as it is now and
 * listed in `kept`: undo never overwrites later work. One transaction; a second undo is refused.
 */
export async function undoImport(core: CoreContext, actor: Actor, id: string): Promise<ImportUndoResult> {
  const current = await findImport(core.db, id);
  if (current.status === 'undone') throw new Conflict('This import was already undone');
  if (current.status === 'uploaded') throw new Conflict('This import has not run: there is nothing to undo');
  if (current.status === 'running') throw new Conflict('This import is still running; undo it when it has finished');
  const adapter = ADAPTERS[current.entity as ImportEntity];
  return write(core, actor, async (outer) => {
    const scope = { ...outer, log: (entry: Parameters<WriteScope['log']>[0]) => outer.log({ ...entry, batchId: entry.batchId ?? id }) };
    const rows = await scope.tx.selectFrom('importRows').selectAll().where('importId', '=', id).where('action', 'in', ['create', 'update']).orderBy('line', 'desc').execute();
    const result: ImportUndoResult = { id, trashed: 0, reverted: 0, kept: [] };
    const toTrash: { entityType: string; id: string }[] = [];
    for (const row of rows) {
      if (!row.entityId || !row.entityType) continue;
      if (row.action === 'create') {
        toTrash.push({ entityType: row.entityType, id: row.entityId });
        const extra = row.afterJson ? (JSON.parse(row.afterJson) as { createdLinks?: { entityType: string; id: string }[] }) : {};
        for (const link of extra.createdLinks ?? []) toTrash.push(link);
        continue;
      }
      const extra = row.afterJson ? (JSON.parse(row.afterJson) as FlatFields & { createdLinks?: unknown }) : {};
      const { createdLinks, ...after } = extra;
      for (const link of (createdLinks as { entityType: string; id: string }[] | undefined) ?? []) toTrash.push(link);
      const before = row.beforeJson ? (JSON.parse(row.beforeJson) as FlatFields) : {};
      const keys = Object.keys(before);
      if (keys.length === 0) continue;
      const live = await scope.tx.selectFrom(adapter.table as 'organizations').select('deletedAt').where('id', '=', row.entityId).executeTakeFirst();
      if (!live || live.deletedAt !== null) {
        for (const field of keys) result.kept.push({ entityType: row.entityType, entityId: row.entityId, field, reason: 'the record is in the trash' });
        continue;
      }
      const now = await adapter.snapshot(scope.tx, row.entityId, keys);
      const revert: FlatFields = {};
      for (const field of keys) {
        if (sameValue(now[field], after[field])) revert[field] = before[field];
        else result.kept.push({ entityType: row.entityType, entityId: row.entityId, field, reason: 'changed since the import' });
      }
      if (Object.keys(revert).length === 0) continue;
      await adapter.apply(scope, row.entityId, revert);
      result.reverted += 1;
    }
    toTrash.sort((a, b) => TRASH_ORDER.indexOf(a.entityType) - TRASH_ORDER.indexOf(b.entityType));
    const trashedIds = new Set(toTrash.map((target) => target.id));
    for (const target of toTrash) if (await trash(scope, target.entityType, target.id, trashedIds)) result.trashed += 1;
    await scope.tx.updateTable('imports').set({ status: 'undone', undoneAt: scope.now, undoneBy: actor.userId ?? actor.id }).where('id', '=', id).execute();
    await scope.log({ action: 'import_undo', entityType: 'import', entityId: id, diff: { trashed: result.trashed, reverted: result.reverted, kept: result.kept.length } });
    return result;
  });
}
