import type { BulkCollection, Contact, CustomFieldType, Organization } from '@lpdesk/contracts';
import { liveDefinitions } from '../custom-fields/queries.js';
import type { Db } from '../db/connect.js';
import { fieldError } from '../kernel/errors.js';

/**
 * How a cell is written: CSV writes text (money as decimal currency units), XLSX keeps numbers,
 * booleans and dates typed so a spreadsheet can sum and sort them.
 */
export type CellKind = 'text' | 'number' | 'money' | 'date' | 'instant' | 'boolean';
export type CellValue = string | number | boolean | null | undefined | readonly string[];

export interface ExportColumn<V> {
  /** The list screen's column id (custom fields `cf:<key>`), what `columns=` names. */
  field: string;
  header: string;
  kind: CellKind;
  /** Characters, for the XLSX column width. */
  width: number;
  value(view: V): CellValue;
}

const text = <V>(field: string, header: string, value: (view: V) => CellValue, width = 18): ExportColumn<V> => ({ field, header, kind: 'text', width, value });
const instant = <V>(field: string, header: string, value: (view: V) => CellValue): ExportColumn<V> => ({ field, header, kind: 'instant', width: 18, value });
const tagNames = (view: { tags: { name: string }[] }) => view.tags.map((tag) => tag.name);

/** What the contacts list shows first, then what else a contact holds. */
const CONTACT_COLUMNS: ExportColumn<Contact>[] = [
  text('name', 'Name', (c) => c.fullName, 26),
  text('firstName', 'First name', (c) => c.firstName),
  text('lastName', 'Last name', (c) => c.lastName),
  text('organization', 'Organization', (c) => c.primaryOrganization?.name, 26),
  text('title', 'Title', (c) => c.title, 22),
  text('email', 'Emails', (c) => c.emails, 30),
  text('relationship', 'Relationship', (c) => c.relationship, 12),
  text('tags', 'Tags', tagNames, 22),
  text('owner', 'Owner', (c) => c.owner?.name),
  text('phone', 'Phones', (c) => c.phones.map((p) => p.number), 18),
  text('location', 'Location', (c) => c.location),
  text('accreditation', 'Accreditation', (c) => c.accreditationStatus, 14),
  text('accreditationMethod', 'Accreditation method', (c) => c.accreditationMethod, 14),
  { field: 'accreditationVerifiedOn', header: 'Accreditation verified on', kind: 'date', width: 12, value: (c) => c.accreditationVerifiedOn },
  { field: 'accreditationExpiresOn', header: 'Accreditation expires on', kind: 'date', width: 12, value: (c) => c.accreditationExpiresOn },
  { field: 'qualifiedPurchaser', header: 'Qualified purchaser', kind: 'boolean', width: 10, value: (c) => c.qualifiedPurchaser },
  text('organizations', 'All organizations', (c) => c.organizations.map((o) => (o.role ? `${o.name} (${o.role})` : o.name)), 30),
  text('linkedinUrl', 'LinkedIn', (c) => c.linkedinUrl, 30),
  text('preferredChannel', 'Preferred channel', (c) => c.preferredChannel, 12),
  text('source', 'Source', (c) => c.source),
  text('notes', 'Notes', (c) => c.notes, 40),
  instant('createdAt', 'Added', (c) => c.createdAt),
  instant('updatedAt', 'Updated', (c) => c.updatedAt),
  text('id', 'Id', (c) => c.id, 38),
];

const ORGANIZATION_COLUMNS: ExportColumn<Organization>[] = [
  text('name', 'Name', (o) => o.name, 30),
  text('kind', 'Kind', (o) => o.kind, 16),
  text('relationship', 'Relationship', (o) => o.relationship, 12),
  text('location', 'Location', (o) => o.location),
  text('tags', 'Tags', tagNames, 22),
  text('owner', 'Owner', (o) => o.owner?.name),
  text('website', 'Website', (o) => o.website, 28),
  text('leadSource', 'Lead source', (o) => o.leadSource),
  text('domains', 'Email domains', (o) => o.emailDomains, 24),
  text('description', 'Description', (o) => o.description, 40),
  instant('createdAt', 'Added', (o) => o.createdAt),
  instant('updatedAt', 'Updated', (o) => o.updatedAt),
  text('id', 'Id', (o) => o.id, 38),
];

const KIND_OF_CUSTOM_FIELD: Partial<Record<CustomFieldType, CellKind>> = { number: 'number', money: 'money', date: 'date', boolean: 'boolean' };

/** The collection's columns, then one per live custom field in the order Settings shows them. */
export async function exportColumnsOf(db: Db, collection: BulkCollection): Promise<ExportColumn<Contact>[] | ExportColumn<Organization>[]> {
  const entityType = collection === 'contacts' ? 'contact' : 'organization';
  const definitions = await liveDefinitions(db, entityType);
  const custom = definitions.map(
    (definition): ExportColumn<Contact | Organization> => ({
      field: `cf:${definition.key}`,
      header: definition.label,
      kind: KIND_OF_CUSTOM_FIELD[definition.type as CustomFieldType] ?? 'text',
      width: 16,
      value: (view) => view.customFields[definition.key] as CellValue,
    }),
  );
  return collection === 'contacts' ? [...CONTACT_COLUMNS, ...custom] : [...ORGANIZATION_COLUMNS, ...custom];
}

/** The columns `columns=` names, in its order; an unknown id is a 400 before anything is written. */
export function pickExportColumns<V>(columns: ExportColumn<V>[], fields: string | undefined): ExportColumn<V>[] {
  if (!fields) return columns;
  const byField = new Map(columns.map((column) => [column.field, column]));
  const wanted = [...new Set(fields.split(','))];
  const unknown = wanted.filter((field) => !byField.has(field));
  if (unknown.length > 0) throw fieldError('columns', `unknown column(s) ${unknown.join(', ')}; use ${columns.map((c) => c.field).join(', ')}`);
  return wanted.map((field) => byField.get(field) as ExportColumn<V>);
}
