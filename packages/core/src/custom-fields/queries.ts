import type { CustomFieldDefinition, CustomFieldListQuery, LinkableEntity } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { CoreContext } from '../kernel/context.js';
import { deletedFilter, findRow, resolveSort } from '../kernel/records.js';
import type { Tx } from '../kernel/write.js';
import { presentDefinition } from './presenter.js';

const SORTABLE = { position: 'position', label: 'label', key: 'key', type: 'type', createdAt: 'createdAt', updatedAt: 'updatedAt' } as const;

export async function listCustomFieldDefinitions(core: CoreContext, query: z.output<typeof CustomFieldListQuery>) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('customFieldDefinitions');
  if (filter === 'live') base = base.where('deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
  if (query.entityType) base = base.where('entityType', '=', query.entityType);
  // Like every list, an unknown sort field is a 400; without one, the order the forms show.
  const sort = query.sort ? resolveSort(query.sort, SORTABLE, { column: 'position', direction: 'asc' }) : null;
  const ordered = sort ? base.selectAll().orderBy(sort.column, sort.direction).orderBy('id') : base.selectAll().orderBy('entityType').orderBy('position').orderBy('label');
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ordered.limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: rows.map(presentDefinition), total: Number(total), limit: query.limit, offset: query.offset };
}

export async function getCustomFieldDefinition(core: CoreContext, id: string): Promise<CustomFieldDefinition> {
  return presentDefinition(await findRow(core.db, 'customFieldDefinitions', id, 'Custom field', { includeDeleted: true }));
}

export async function liveDefinitions(db: Db | Tx, entityType: LinkableEntity) {
  return db
    .selectFrom('customFieldDefinitions')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .execute();
}
