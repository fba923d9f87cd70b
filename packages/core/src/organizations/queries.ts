import type { OrganizationListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { deletedFilter, findRow } from '../kernel/records.js';
import { countTotal } from '../kernel/list-totals.js';
import { orderBySort, resolveListSort, type SortKey } from '../kernel/sorting.js';
import { matchingIds, prepareSearch } from '../search/index.js';
import { customFieldMatches, hasCommitmentIn, relationshipIs } from '../shared/lookups.js';
import { type OrganizationView, presentOrganization, presentOrganizations } from './presenter.js';

export const ORGANIZATION_SORTS = {
  name: { columns: ['o.name'] },
  kind: { columns: ['o.kind', 'o.name'] },
  location: { columns: ['o.location', 'o.name'], nullable: true },
  createdAt: { columns: ['o.createdAt'] },
  updatedAt: { columns: ['o.updatedAt'] },
} satisfies Record<string, SortKey>;

/** What a list's filters say, without paging or order: also what exports and bulk actions select. */
export type OrganizationFilters = Omit<OrganizationListQuery, 'limit' | 'offset' | 'sort'>;

/** The organizations a list query matches, as a query to count, page or walk (exports, bulk actions). */
export async function filterOrganizations(core: CoreContext, query: OrganizationFilters) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('organizations as o');
  if (filter === 'live') base = base.where('o.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('o.deletedAt', 'is not', null);
  if (query.kind) base = base.where('o.kind', '=', query.kind);
  if (query.ownerId) base = base.where('o.ownerId', '=', query.ownerId);
  if (query.q) {
    // Name, website, email domains and location, through the search index (docs/search.md).
    const search = await prepareSearch(core, query.q, 'whenUnmatched');
    if (search.tokens.length > 0) base = base.where('o.id', 'in', matchingIds(core.db, core.dialect, 'organization', search));
  }
  if (query.tagId) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entityTags as et')
          .select('et.tagId')
          .whereRef('et.entityId', '=', 'o.id')
          .where('et.entityType', '=', 'organization')
          .where('et.tagId', '=', tagId),
      ),
    );
  }
  if (query.relationship) {
    const relationship = query.relationship;
    base = base.where((eb) => relationshipIs(eb.ref('o.id'), relationship));
  }
  if (query.stage || query.fundId) {
    const stages = query.stage ? query.stage.split(',') : ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed', 'declined'];
    base = base.where((eb) => hasCommitmentIn(eb.ref('o.id'), stages, query.fundId));
  }
  if (query.customField) {
    const cf = query.customField;
    base = base.where((eb) => customFieldMatches('organization', eb.ref('o.id'), cf));
  }
  return base;
}

export async function listOrganizations(core: CoreContext, query: OrganizationListQuery) {
  const base = await filterOrganizations(core, query);
  const sort = resolveListSort(query.sort, ORGANIZATION_SORTS, { field: 'name', direction: 'asc' });
  const [total, rows] = await Promise.all([
    // A search's total depends on the search index, which its subscriber updates after the write.
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total')), { cache: !query.q }),
    orderBySort(base.selectAll('o'), sort, 'o.id').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentOrganizations(core.db, rows), total, limit: query.limit, offset: query.offset };
}

export async function getOrganization(core: CoreContext, id: string): Promise<OrganizationView> {
  return presentOrganization(core.db, await findRow(core.db, 'organizations', id, 'Organization', { includeDeleted: true }));
}
