import type { LinkableEntity, Tag, TagApplyInput, TagCreateInput, TagUpdateInput } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { tableOf } from '../kernel/entities.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { diffRecords, type Tx, type WriteScope, write } from '../kernel/write.js';
import { presentTag, presentTagWithUsage, usageCounts } from './presenter.js';

const normalizeTagName = (name: string) => name.trim().toLowerCase();

async function assertTagsExist(tx: Tx, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  const found = await tx.selectFrom('tags').select('id').where('id', 'in', tagIds).where('deletedAt', 'is', null).execute();
  const missing = tagIds.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new Invalid(`tagIds: unknown tag(s) ${missing.join(', ')}`, { issues: [{ path: ['tagIds'], message: 'unknown tag' }] });
}

/** Replace a record's tag set. Returns the tag ids before and after for the caller's diff. */
export async function setEntityTags(scope: WriteScope, entityType: LinkableEntity, entityId: string, tagIds: string[]): Promise<void> {
  const wanted = [...new Set(tagIds)];
  await assertTagsExist(scope.tx, wanted);
  await scope.tx.deleteFrom('entityTags').where('entityType', '=', entityType).where('entityId', '=', entityId).execute();
  if (wanted.length > 0) {
    await scope.tx
      .insertInto('entityTags')
      .values(wanted.map((tagId) => ({ tagId, entityType, entityId, createdAt: scope.now })))
      .execute();
  }
}

/** Create a tag inside a larger write (the demo seed creates its tags with everything else). */
export async function createTagIn(scope: WriteScope, input: z.output<typeof TagCreateInput>): Promise<Tag> {
  const nameNormalized = normalizeTagName(input.name);
  const clash = await scope.tx.selectFrom('tags').select(['id', 'deletedAt']).where('nameNormalized', '=', nameNormalized).executeTakeFirst();
  if (clash) throw new Conflict(clash.deletedAt ? `A tag named "${input.name}" is in the trash; restore it instead` : `A tag named "${input.name}" already exists`, { id: clash.id });
  const row = { id: newId(), name: input.name, nameNormalized, color: input.color, ...auditedInsertFields(scope) };
  await scope.tx.insertInto('tags').values(row).execute();
  const view = presentTag(row, 0);
  await scope.log({ action: 'create', entityType: 'tag', entityId: row.id, diff: { after: { name: view.name, color: view.color } } });
  return view;
}

export function createTag(core: CoreContext, actor: Actor, input: z.output<typeof TagCreateInput>) {
  return write(core, actor, (scope) => createTagIn(scope, input));
}

export async function updateTagIn(scope: WriteScope, id: string, changes: z.output<typeof TagUpdateInput>, expectedVersion?: number): Promise<Tag> {
  const before = await claimRow(scope, 'tags', id, 'Tag', { expectedVersion, present: (row) => presentTagWithUsage(scope.tx, row) });
  const patch = { ...changes, ...(changes.name ? { nameNormalized: normalizeTagName(changes.name) } : {}) };
  if (patch.nameNormalized && patch.nameNormalized !== before.nameNormalized) {
    const clash = await scope.tx.selectFrom('tags').select('id').where('nameNormalized', '=', patch.nameNormalized).executeTakeFirst();
    if (clash) throw new Conflict(`A tag named "${changes.name}" already exists`, { id: clash.id });
  }
  await scope.tx.updateTable('tags').set({ ...patch, ...auditedUpdateFields(scope) }).where('id', '=', id).execute();
  const after = await findRow(scope.tx, 'tags', id, 'Tag');
  const count = (await usageCounts(scope.tx, [id])).get(id) ?? 0;
  await scope.log({ action: 'update', entityType: 'tag', entityId: id, diff: diffRecords(presentTag(before, count) as never, presentTag(after, count) as never) });
  return presentTag(after, count);
}

export function updateTag(core: CoreContext, actor: Actor, id: string, changes: z.output<typeof TagUpdateInput>, expectedVersion?: number) {
  return write(core, actor, (scope) => updateTagIn(scope, id, changes, expectedVersion));
}

export function deleteTag(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'tags', 'tag', id, 'Tag'));
}

export async function restoreTag(core: CoreContext, actor: Actor, id: string): Promise<Tag> {
  await write(core, actor, (scope) => restoreRow(scope, 'tags', 'tag', id, 'Tag'));
  return presentTagWithUsage(core.db, await findRow(core.db, 'tags', id, 'Tag'));
}

/** Add a tag to (or remove it from) many records; records that already match are left alone. */
export async function applyTagIn(scope: WriteScope, id: string, request: TagApplyInput): Promise<{ changed: number }> {
  await findRow(scope.tx, 'tags', id, 'Tag');
  const ids = [...new Set(request.entityIds)];
  const table = tableOf(request.entityType);
  const existing = await scope.tx.selectFrom(table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
  const missing = ids.filter((entityId) => !existing.some((row) => row.id === entityId));
  if (missing.length > 0) throw new Invalid(`entityIds: unknown ${request.entityType}(s) ${missing.join(', ')}`);
  const already = await scope.tx
    .selectFrom('entityTags')
    .select('entityId')
    .where('tagId', '=', id)
    .where('entityType', '=', request.entityType)
    .where('entityId', 'in', ids)
    .execute();
  const tagged = new Set(already.map((row) => row.entityId));
  const changed = request.remove ? ids.filter((e) => tagged.has(e)) : ids.filter((e) => !tagged.has(e));
  if (changed.length === 0) return { changed: 0 };
  // Tagging changes the record: it takes a new version like any other edit.
  await scope.tx
    .updateTable(table)
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', 'in', changed)
    .execute();
  if (request.remove) {
    await scope.tx.deleteFrom('entityTags').where('tagId', '=', id).where('entityType', '=', request.entityType).where('entityId', 'in', changed).execute();
  } else {
    await scope.tx.insertInto('entityTags').values(changed.map((entityId) => ({ tagId: id, entityType: request.entityType, entityId, createdAt: scope.now }))).execute();
  }
  for (const entityId of changed) {
    await scope.log({ action: request.remove ? 'untag' : 'tag', entityType: request.entityType, entityId, diff: { tagId: id } });
  }
  return { changed: changed.length };
}

export function applyTag(core: CoreContext, actor: Actor, id: string, request: TagApplyInput) {
  return write(core, actor, (scope) => applyTagIn(scope, id, request));
}
