import type { Fund, FundListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { containsText, deletedFilter, findRow, resolveSort } from '../kernel/records.js';
import { presentFund } from './presenter.js';

const SORTABLE = { name: 'name', vintage: 'vintage', createdAt: 'createdAt' } as const;

export async function listFunds(core: CoreContext, query: FundListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('funds');
  if (filter === 'live') base = base.where('deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.q) base = base.where((eb) => containsText(eb.ref('name'), query.q ?? ''));
  const sort = resolveSort(query.sort, SORTABLE, { column: 'vintage', direction: 'desc' });
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy(sort.column, sort.direction).orderBy('name').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: rows.map(presentFund), total: Number(total), limit: query.limit, offset: query.offset };
}

export async function getFund(core: CoreContext, id: string): Promise<Fund> {
  return presentFund(await findRow(core.db, 'funds', id, 'Fund', { includeDeleted: true }));
}
