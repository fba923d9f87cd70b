import type { Db } from '../db/connect.js';
import type { Tx } from '../kernel/write.js';
import { normalizeSearchText } from './normalize.js';

/** The records search finds, and what the index calls them. */
export const SEARCHABLE_TYPES = ['contact', 'organization', 'fund', 'communication', 'task'] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

export const SEARCHABLE_TABLES = {
  contact: 'contacts',
  organization: 'organizations',
  fund: 'funds',
  communication: 'communications',
  task: 'tasks',
} as const satisfies Record<SearchableType, string>;

/**
 * Notes can be long (a pasted email thread); past this many characters a document is cut. What matters
 * for finding a note is near its start, and the vocabulary stays bounded.
 */
const MAX_NOTE_LENGTH = 20_000;

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

const clip = (text: string | null) => (text === null ? null : [...text].slice(0, MAX_NOTE_LENGTH).join(''));

/** A communication (call, meeting, email, note) is found by its subject, body, outcome and next action. */
export async function communicationDocuments(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('communications').select(['id', 'subject', 'body', 'outcome', 'nextAction']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, join([row.subject, clip(row.body), row.outcome, row.nextAction])]));
}

/** A task is found by its title and notes. */
export async function taskDocuments(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tasks').select(['id', 'title', 'notes']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, join([row.title, clip(row.notes)])]));
}

export const DOCUMENT_BUILDERS: Record<SearchableType, (db: Reader, ids: string[]) => Promise<Map<string, string>>> = {
  contact: contactDocuments,
  organization: organizationDocuments,
  fund: fundDocuments,
  communication: communicationDocuments,
  task: taskDocuments,
};
