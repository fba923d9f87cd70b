import type { Tag, TagListQuery } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { CoreContext } from '../kernel/context.js';
import { containsText, deletedFilter, findRow, resolveSort } from '../kernel/records.js';
import { presentTag, presentTagWithUsage, usageCounts } from './presenter.js';

const SORTABLE = { name: 'name', createdAt: 'createdAt' } as const;

export async function listTags(core: CoreContext, query: z.output<typeof TagListQuery>) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('tags');
  if (filter === 'live') base = base.where('deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
  if (query.q) base = base.where((eb) => containsText(eb.ref('name'), query.q ?? ''));
  const sort = resolveSort(query.sort, SORTABLE, { column: 'name', direction: 'asc' });
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy(sort.column, sort.direction).limit(query.limit).offset(query.offset).execute(),
  ]);
  const counts = await usageCounts(core.db, rows.map((r) => r.id));
  return { data: rows.map((r) => presentTag(r, counts.get(r.id) ?? 0)), total: Number(total), limit: query.limit, offset: query.offset };
}

export async function getTag(core: CoreContext, id: string): Promise<Tag> {
  return presentTagWithUsage(core.db, await findRow(core.db, 'tags', id, 'Tag', { includeDeleted: true }));
}
