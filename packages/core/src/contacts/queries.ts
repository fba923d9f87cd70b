import type { ContactListQuery } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { deletedFilter, findRow } from '../kernel/records.js';
import { countTotal } from '../kernel/list-totals.js';
import { orderBySort, resolveListSort, type SortKey } from '../kernel/sorting.js';
import { matchingIds, prepareSearch } from '../search/index.js';
import { customFieldMatches, hasCommitmentIn, relationshipIs } from '../shared/lookups.js';
import { normalizeEmail } from './normalize.js';
import { type ContactView, presentContact, presentContacts } from './presenter.js';

const byName = { columns: ['c.lastName', 'c.firstName'] };
export const CONTACT_SORTS = {
  name: byName,
  lastName: byName,
  firstName: { columns: ['c.firstName', 'c.lastName'] },
  title: { columns: ['c.title', 'c.lastName', 'c.firstName'], nullable: true },
  // A copy of the primary organization's name kept on the contact (organization-sort.ts), so it has an index.
  organization: { columns: ['c.organizationSortName', 'c.lastName', 'c.firstName'], nullable: true },
  createdAt: { columns: ['c.createdAt'] },
  updatedAt: { columns: ['c.updatedAt'] },
} satisfies Record<string, SortKey>;

/** What a list's filters say, without paging or order: also what exports and bulk actions select. */
export type ContactFilters = Omit<ContactListQuery, 'limit' | 'offset' | 'sort'>;

/** The contacts a list query matches, as a query to count, page or walk (exports, bulk actions). */
export async function filterContacts(core: CoreContext, query: ContactFilters) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('contacts as c');
  if (filter === 'live') base = base.where('c.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('c.deletedAt', 'is not', null);
  if (query.ownerId) base = base.where('c.ownerId', '=', query.ownerId);
  if (query.q) {
    // Name, title, emails and live organizations' names, through the search index (docs/search.md).
    const search = await prepareSearch(core, query.q, 'whenUnmatched');
    if (search.tokens.length > 0) base = base.where('c.id', 'in', matchingIds(core.db, core.dialect, 'contact', search));
  }
  if (query.email) {
    const email = normalizeEmail(query.email);
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('contactEmails as ce').select('ce.id').whereRef('ce.contactId', '=', 'c.id').where('ce.emailNormalized', '=', email)),
    );
  }
  if (query.organizationId) {
    const organizationId = query.organizationId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('contactOrganizations as co')
          .select('co.contactId')
          .whereRef('co.contactId', '=', 'c.id')
          .where('co.organizationId', '=', organizationId),
      ),
    );
  }
  if (query.tagId) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entityTags as et')
          .select('et.tagId')
          .whereRef('et.entityId', '=', 'c.id')
          .where('et.entityType', '=', 'contact')
          .where('et.tagId', '=', tagId),
      ),
    );
  }
  if (query.relationship || query.stage) {
    const { relationship, stage } = query;
    base = base.where((eb) => {
      const orgOfContact = eb.selectFrom('contactOrganizations as co2').select('co2.organizationId').whereRef('co2.contactId', '=', 'c.id');
      const conditions = [];
      if (relationship === 'none') {
        conditions.push(eb.not(eb.exists(orgOfContact.where((inner) => inner.not(relationshipIs(inner.ref('co2.organizationId'), 'none'))))));
      } else if (relationship) {
        conditions.push(eb.exists(orgOfContact.where((inner) => relationshipIs(inner.ref('co2.organizationId'), relationship))));
      }
      if (stage) conditions.push(eb.exists(orgOfContact.where((inner) => hasCommitmentIn(inner.ref('co2.organizationId'), stage.split(',')))));
      return eb.and(conditions);
    });
  }
  if (query.customField) {
    const cf = query.customField;
    base = base.where((eb) => customFieldMatches('contact', eb.ref('c.id'), cf));
  }
  return base;
}

export async function listContacts(core: CoreContext, query: ContactListQuery) {
  const base = await filterContacts(core, query);
  const sort = resolveListSort(query.sort, CONTACT_SORTS, { field: 'name', direction: 'asc' });
  const [total, rows] = await Promise.all([
    // A search's total depends on the search index, which its subscriber updates after the write.
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total')), { cache: !query.q }),
    orderBySort(base.selectAll('c'), sort, 'c.id').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentContacts(core.db, rows), total, limit: query.limit, offset: query.offset };
}

export async function getContactRecord(core: CoreContext, id: string): Promise<ContactView> {
  return presentContact(core.db, await findRow(core.db, 'contacts', id, 'Contact', { includeDeleted: true }));
}
