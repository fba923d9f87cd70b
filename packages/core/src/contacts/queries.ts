import type { ContactListQuery } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { CoreContext } from '../kernel/context.js';
import { deletedFilter, findRow, resolveSort } from '../kernel/records.js';
import { matchingIds, prepareSearch } from '../search/index.js';
import { customFieldMatches, hasCommitmentIn, relationshipIs } from '../shared/lookups.js';
import { normalizeEmail } from './normalize.js';
import { type ContactView, presentContact, presentContacts } from './presenter.js';

const SORTABLE = { name: 'lastName', lastName: 'lastName', firstName: 'firstName', title: 'title', organization: 'organization', createdAt: 'createdAt', updatedAt: 'updatedAt' } as const;

/** The primary organization's name, for sorting people by firm. */
const primaryOrganizationName = sql<string>`(select o.name from contact_organizations co join organizations o on o.id = co.organization_id
  where co.contact_id = c.id and o.deleted_at is null order by co.is_primary desc, o.name limit 1)`;

export async function listContacts(core: CoreContext, query: ContactListQuery) {
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
    base = base.where((eb) => eb.exists(eb.selectFrom('contactEmails as ce').select('ce.id').whereRef('ce.contactId', '=', 'c.id').where('ce.emailNormalized', '=', email)));
  }
  if (query.organizationId) {
    const organizationId = query.organizationId;
    base = base.where((eb) => eb.exists(eb.selectFrom('contactOrganizations as co').select('co.contactId').whereRef('co.contactId', '=', 'c.id').where('co.organizationId', '=', organizationId)));
  }
  if (query.tagId) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('entityTags as et').select('et.tagId').whereRef('et.entityId', '=', 'c.id').where('et.entityType', '=', 'contact').where('et.tagId', '=', tagId)),
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
  const sort = resolveSort(query.sort, SORTABLE, { column: 'lastName', direction: 'asc' });
  const sortExpression = sort.column === 'organization' ? primaryOrganizationName : sql.ref(`c.${sort.column}`);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll('c')
      // Rows without a value sort last in both directions, the same on SQLite and PostgreSQL.
      .orderBy(sql`(${sortExpression}) is null`)
      .orderBy(sortExpression, sort.direction)
      .orderBy('c.lastName', sort.direction)
      .orderBy('c.firstName', sort.direction)
      .orderBy('c.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { data: await presentContacts(core.db, rows), total: Number(total), limit: query.limit, offset: query.offset };
}

export async function getContactRecord(core: CoreContext, id: string): Promise<ContactView> {
  return presentContact(core.db, await findRow(core.db, 'contacts', id, 'Contact', { includeDeleted: true }));
}
