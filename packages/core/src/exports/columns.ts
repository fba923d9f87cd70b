import type { BulkCollection, Contact, CustomFieldType, Organization } from '@lpdesk/contracts';
import { liveDefinitions } from '../custom-fields/queries.js';
import type { Db } from '../db/connect.js';

/**
 * How a cell is written: CSV writes text (money as decimal currency units), XLSX keeps numbers,
 * booleans and dates typed so a spreadsheet can sum and sort them.
 */
export type CellKind = 'text' | 'number' | 'money' | 'date' | 'instant' | 'boolean';
export type CellValue = string | number | boolean | null | undefined | readonly string[];

export interface ExportColumn<V> {
  header: string;
  kind: CellKind;
  /** Characters, for the XLSX column width. */
  width: number;
  value(view: V): CellValue;
}

const text = <V>(header: string, value: (view: V) => CellValue, width = 18): ExportColumn<V> => ({ header, kind: 'text', width, value });
const instant = <V>(header: string, value: (view: V) => CellValue): ExportColumn<V> => ({ header, kind: 'instant', width: 18, value });
const tagNames = (view: { tags: { name: string }[] }) => view.tags.map((tag) => tag.name);

/** What the contacts list shows first, then what else a contact holds. */
const CONTACT_COLUMNS: ExportColumn<Contact>[] = [
  text('Name', (c) => c.fullName, 26),
  text('First name', (c) => c.firstName),
  text('Last name', (c) => c.lastName),
  text('Organization', (c) => c.primaryOrganization?.name, 26),
  text('Title', (c) => c.title, 22),
  text('Emails', (c) => c.emails, 30),
  text('Relationship', (c) => c.relationship, 12),
  text('Tags', tagNames, 22),
  text('Owner', (c) => c.owner?.name),
  text('Phones', (c) => c.phones.map((p) => p.number), 18),
  text('Location', (c) => c.location),
  text('Accreditation', (c) => c.accreditationStatus, 14),
  text('Accreditation method', (c) => c.accreditationMethod, 14),
  { header: 'Accreditation verified on', kind: 'date', width: 12, value: (c) => c.accreditationVerifiedOn },
  { header: 'Accreditation expires on', kind: 'date', width: 12, value: (c) => c.accreditationExpiresOn },
  { header: 'Qualified purchaser', kind: 'boolean', width: 10, value: (c) => c.qualifiedPurchaser },
  text('All organizations', (c) => c.organizations.map((o) => (o.role ? `${o.name} (${o.role})` : o.name)), 30),
  text('LinkedIn', (c) => c.linkedinUrl, 30),
  text('Preferred channel', (c) => c.preferredChannel, 12),
  text('Source', (c) => c.source),
  text('Notes', (c) => c.notes, 40),
  instant('Added', (c) => c.createdAt),
  instant('Updated', (c) => c.updatedAt),
  text('Id', (c) => c.id, 38),
];

const ORGANIZATION_COLUMNS: ExportColumn<Organization>[] = [
  text('Name', (o) => o.name, 30),
  text('Kind', (o) => o.kind, 16),
  text('Relationship', (o) => o.relationship, 12),
  text('Location', (o) => o.location),
  text('Tags', tagNames, 22),
  text('Owner', (o) => o.owner?.name),
  text('Website', (o) => o.website, 28),
  text('Lead source', (o) => o.leadSource),
  text('Email domains', (o) => o.emailDomains, 24),
  text('Description', (o) => o.description, 40),
  instant('Added', (o) => o.createdAt),
  instant('Updated', (o) => o.updatedAt),
  text('Id', (o) => o.id, 38),
];

const KIND_OF_CUSTOM_FIELD: Partial<Record<CustomFieldType, CellKind>> = { number: 'number', money: 'money', date: 'date', boolean: 'boolean' };

/** The collection's columns, then one per live custom field in the order Settings shows them. */
export async function exportColumnsOf(db: Db, collection: BulkCollection): Promise<ExportColumn<Contact>[] | ExportColumn<Organization>[]> {
  const entityType = collection === 'contacts' ? 'contact' : 'organization';
  const definitions = await liveDefinitions(db, entityType);
  const custom = definitions.map(
    (definition): ExportColumn<Contact | Organization> => ({
      header: definition.label,
      kind: KIND_OF_CUSTOM_FIELD[definition.type as CustomFieldType] ?? 'text',
      width: 16,
      value: (view) => view.customFields[definition.key] as CellValue,
    }),
  );
  return collection === 'contacts' ? [...CONTACT_COLUMNS, ...custom] : [...ORGANIZATION_COLUMNS, ...custom];
}
