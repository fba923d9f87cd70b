import { type Expression, sql } from 'kysely';
import type { Tx } from '../kernel/write.js';

/**
 * The name people are sorted by when sorted by firm: their primary live organization's (else the first
 * by name). It lives in another table, so `contacts.organization_sort_name` keeps a copy that an index
 * can order; every write that can change it refreshes it in the same transaction — a contact's links,
 * an organization's name, trash and restore. (Purge needs nothing: a purged organization was already
 * trashed, so no copy still names it.)
 */
export const primaryOrganizationName = (contactId: Expression<string>) =>
  sql<string | null>`(select o.name from contact_organizations co join organizations o on o.id = co.organization_id
    where co.contact_id = ${contactId} and o.deleted_at is null order by co.is_primary desc, o.name limit 1)`;

export type SortNameScope = { contactId: string } | { organizationId: string };

export async function refreshOrganizationSortNames(tx: Tx, scope: SortNameScope): Promise<void> {
  let update = tx.updateTable('contacts').set((eb) => ({ organizationSortName: primaryOrganizationName(eb.ref('contacts.id')) }));
  if ('contactId' in scope) update = update.where('id', '=', scope.contactId);
  else {
    const { organizationId } = scope;
    update = update.where('id', 'in', (eb) => eb.selectFrom('contactOrganizations').select('contactId').where('organizationId', '=', organizationId));
  }
  await update.execute();
}
