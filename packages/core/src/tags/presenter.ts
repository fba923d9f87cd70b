import type { LinkableEntity, Tag, TagRef } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Tx } from '../kernel/write.js';

export function presentTag(row: Row<'tags'>, usageCount: number): Tag {
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

export async function usageCounts(db: Db | Tx, tagIds: string[]): Promise<Map<string, number>> {
  if (tagIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('entityTags')
    .select(['tagId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('tagId', 'in', tagIds)
    .groupBy('tagId')
    .execute();
  return new Map(rows.map((r) => [r.tagId, Number(r.count)]));
}

/** One tag with how many records carry it. */
export async function presentTagWithUsage(db: Db | Tx, row: Row<'tags'>): Promise<Tag> {
  return presentTag(row, (await usageCounts(db, [row.id])).get(row.id) ?? 0);
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
