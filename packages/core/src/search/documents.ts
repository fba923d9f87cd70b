import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { normalizeSearchText } from './normalize.js';

/** The records search finds, and what the index calls them. */
export const SEARCHABLE_TYPES = ['contact', 'organization', 'fund'] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

export const SEARCHABLE_TABLES = { contact: 'contacts', organization: 'organizations', fund: 'funds' } as const satisfies Record<SearchableType, string>;

type Reader = Db | Tx;

const join = (parts: (string | null | undefined)[]) => normalizeSearchText(parts.filter((part): part is string => Boolean(part)).join(' '));

/**
 * A contact is found by its name, title, email addresses and the names of its live organizations (a
 * trashed organization's name no longer finds its people). Ids with no row are absent from the result.
 */
export async function contactDocuments(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [contacts, emails, organizations] = await Promise.all([
    db.selectFrom('contacts').select(['id', 'firstName', 'lastName', 'title']).where('id', 'in', ids).execute(),
    db.selectFrom('contactEmails').select(['contactId', 'emailNormalized']).where('contactId', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('contactOrganizations as co')
      .innerJoin('organizations as o', 'o.id', 'co.organizationId')
      .select(['co.contactId', 'o.name'])
      .where('co.contactId', 'in', ids)
      .where('o.deletedAt', 'is', null)
      .orderBy('o.name')
      .execute(),
  ]);
  const documents = new Map<string, string>();
  for (const contact of contacts) {
    const addresses = emails.filter((e) => e.contactId === contact.id).map((e) => e.emailNormalized);
    const firms = organizations.filter((o) => o.contactId === contact.id).map((o) => o.name);
    documents.set(contact.id, join([`${contact.firstName} ${contact.lastName}`, contact.title, ...addresses, ...firms]));
  }
  return documents;
}

/** An organization is found by its name, website, email domains and location. */
export async function organizationDocuments(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const [organizations, domains] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'website', 'location']).where('id', 'in', ids).execute(),
    db.selectFrom('organizationDomains').select(['organizationId', 'domain']).where('organizationId', 'in', ids).orderBy('domain').execute(),
  ]);
  const documents = new Map<string, string>();
  for (const organization of organizations) {
    const own = domains.filter((d) => d.organizationId === organization.id).map((d) => d.domain);
    documents.set(organization.id, join([organization.name, organization.website, ...own, organization.location]));
  }
  return documents;
}

/** A fund is found by its name. */
export async function fundDocuments(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const funds = await db.selectFrom('funds').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(funds.map((fund) => [fund.id, join([fund.name])]));
}

export const DOCUMENT_BUILDERS: Record<SearchableType, (db: Reader, ids: string[]) => Promise<Map<string, string>>> = {
  contact: contactDocuments,
  organization: organizationDocuments,
  fund: fundDocuments,
};
