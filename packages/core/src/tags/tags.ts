import { IdParams, type LinkableEntity, ListEnvelope, NoContent, type Tag, TagApplyInput, TagApplyResult, TagCreateInput, TagListQuery, type TagRef, TagUpdateInput, TagView, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { tableOf } from '../kernel/entities.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { defineOperation } from '../kernel/operations.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, containsText, deletedFilter, findRow, resolveSort, restoreRow, softDeleteRow } from '../kernel/records.js';
import { diffRecords, type Tx, type WriteScope, write } from '../kernel/write.js';

const normalizeTagName = (name: string) => name.trim().toLowerCase();

function presentTag(row: Row<'tags'>, usageCount: number): Tag {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    color: row.color,
    usageCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  };
}

async function usageCounts(db: Db | Tx, tagIds: string[]): Promise<Map<string, number>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('entityTags')
    .select(['tagId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tagId', 'in', tagIds)
    .groupBy('tagId')
    .execute();
  return new Map(rows.map((r) => [r.tagId, Number(r.count)]));
}

/** Tags of many records at once (live tags only), for list presenters. */
export async function loadTagsFor(db: Db | Tx, entityType: LinkableEntity, entityIds: string[]): Promise<Map<string, TagRef[]>> {
  const result = new Map<string, TagRef[]>();
  if (entityIds.length === 0) return result;
  const rows = await db
    .selectFrom('entityTags')
    .innerJoin('tags', 'tags.id', 'entityTags.tagId')
    .select(['entityTags.entityId', 'tags.id', 'tags.name', 'tags.color'])
    .where('entityTags.entityType', '=', entityType)
    .where('entityTags.entityId', 'in', entityIds)
    .where('tags.deletedAt', 'is', null)
    .orderBy('tags.name')
    .execute();
  for (const row of rows) {
    const list = result.get(row.entityId) ?? [];
    list.push({ id: row.id, name: row.name, color: row.color });
    result.set(row.entityId, list);
  }
  return result;
}

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

export const tagOperations = {
  list: defineOperation({
    name: 'tags.list',
    summary: 'List tags with how many records carry each',
    permission: 'crm.read',
    input: TagListQuery,
    output: ListEnvelope(TagView),
    async run({ core }, query) {
      const filter = deletedFilter(query.deleted);
      let base = core.db.selectFrom('tags');
      if (filter === 'live') base = base.where('deletedAt', 'is', null);
      if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
      if (query.q) base = base.where((eb) => containsText(eb.ref('name'), query.q ?? ''));
      const sort = resolveSort(query.sort, { name: 'name', createdAt: 'createdAt' }, { column: 'name', direction: 'asc' });
      const [{ total }, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        base.selectAll().orderBy(sort.column, sort.direction).limit(query.limit).offset(query.offset).execute(),
      ]);
      const counts = await usageCounts(core.db, rows.map((r) => r.id));
      return { data: rows.map((r) => presentTag(r, counts.get(r.id) ?? 0)), total: Number(total), limit: query.limit, offset: query.offset };
    },
  }),
  get: defineOperation({
    name: 'tags.get',
    summary: 'Get one tag',
    permission: 'crm.read',
    input: IdParams,
    output: TagView,
    async run({ core }, { id }) {
      const row = await findRow(core.db, 'tags', id, 'Tag', { includeDeleted: true });
      return presentTag(row, (await usageCounts(core.db, [id])).get(id) ?? 0);
    },
  }),
  create: defineOperation({
    name: 'tags.create',
    summary: 'Create a tag',
    permission: 'tags.apply',
    input: TagCreateInput,
    output: TagView,
    async run({ core, actor }, input) {
      return write(core, actor, (scope) => createTagIn(scope, input));
    },
  }),
  update: defineOperation({
    name: 'tags.update',
    summary: 'Rename or recolour a tag',
    permission: 'tags.manage',
    input: UpdateOperationInput(TagUpdateInput),
    output: TagView,
    async run({ core, actor }, { id, changes, expectedVersion }) {
      return write(core, actor, async (scope) => {
        const before = await claimRow(scope, 'tags', id, 'Tag', { expectedVersion, present: async (row) => presentTag(row, (await usageCounts(scope.tx, [id])).get(id) ?? 0) });
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
      });
    },
  }),
  delete: defineOperation({
    name: 'tags.delete',
    summary: 'Move a tag to the trash (records keep the link; it reappears on restore)',
    permission: 'tags.manage',
    input: IdParams,
    output: NoContent,
    async run({ core, actor }, { id }) {
      await write(core, actor, (scope) => softDeleteRow(scope, 'tags', 'tag', id, 'Tag'));
    },
  }),
  restore: defineOperation({
    name: 'tags.restore',
    summary: 'Restore a trashed tag',
    permission: 'tags.manage',
    input: IdParams,
    output: TagView,
    async run({ core, actor }, { id }) {
      await write(core, actor, (scope) => restoreRow(scope, 'tags', 'tag', id, 'Tag'));
      const row = await findRow(core.db, 'tags', id, 'Tag');
      return presentTag(row, (await usageCounts(core.db, [id])).get(id) ?? 0);
    },
  }),
  apply: defineOperation({
    name: 'tags.apply',
    summary: 'Add a tag to (or remove it from) many records at once',
    permission: 'tags.apply',
    input: z.object({ id: IdParams.shape.id, request: TagApplyInput }),
    output: TagApplyResult,
    async run({ core, actor }, { id, request }) {
      return write(core, actor, async (scope) => {
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
      });
    },
  }),
};
