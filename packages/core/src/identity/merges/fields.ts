import type { IdentityEntityType } from '@lpdesk/contracts';
import type { Db } from '../../db/connect.js';
import type { Row } from '../../db/schema.js';
import { liveDefinitions } from '../../custom-fields/queries.js';
import { Invalid } from '../../kernel/errors.js';
import type { Tx } from '../../kernel/write.js';

export type FieldChoice = 'survivor' | 'merged';
export type FieldChoices = Record<string, FieldChoice>;

interface ColumnField {
  field: string;
  label: string;
  /** A value that means "not filled in" besides null and '' (a default such as accreditation `unknown`). */
  emptyValue?: string;
}

/** The survivor's columns a merge may take from the merged record, in the order the screen shows them. */
const CONTACT_FIELDS: ColumnField[] = [
  { field: 'firstName', label: 'First name' },
  { field: 'lastName', label: 'Last name' },
  { field: 'title', label: 'Title' },
  { field: 'linkedinUrl', label: 'LinkedIn' },
  { field: 'location', label: 'Location' },
  { field: 'preferredChannel', label: 'Preferred channel' },
  { field: 'source', label: 'Source' },
  { field: 'notes', label: 'Notes' },
  { field: 'ownerId', label: 'Owner' },
  { field: 'accreditationStatus', label: 'Accreditation status', emptyValue: 'unknown' },
  { field: 'accreditationMethod', label: 'Accreditation method' },
  { field: 'accreditationVerifiedOn', label: 'Accreditation verified on' },
  { field: 'accreditationExpiresOn', label: 'Accreditation expires on' },
  { field: 'qualifiedPurchaser', label: 'Qualified purchaser' },
];

const ORGANIZATION_FIELDS: ColumnField[] = [
  { field: 'name', label: 'Name' },
  { field: 'kind', label: 'Kind', emptyValue: 'other' },
  { field: 'website', label: 'Website' },
  { field: 'description', label: 'Description' },
  { field: 'location', label: 'Location' },
  { field: 'ownerId', label: 'Owner' },
  { field: 'leadSource', label: 'Lead source' },
];

export const columnFieldsOf = (entityType: IdentityEntityType) => (entityType === 'contact' ? CONTACT_FIELDS : ORGANIZATION_FIELDS);

/** Custom fields are chosen as `customFields.<key>`, the same path the record's `customFields` map uses. */
export const CUSTOM_FIELD_PREFIX = 'customFields.';

export type CustomDefinition = Row<'customFieldDefinitions'>;

export function customDefinitions(db: Db | Tx, entityType: IdentityEntityType): Promise<CustomDefinition[]> {
  return liveDefinitions(db, entityType);
}

/** Unknown field names are a mistake in the request, not something to ignore. */
export function checkFieldChoices(entityType: IdentityEntityType, fields: FieldChoices, definitions: CustomDefinition[]): void {
  const known = new Set([...columnFieldsOf(entityType).map((f) => f.field), ...definitions.map((d) => `${CUSTOM_FIELD_PREFIX}${d.key}`)]);
  const unknown = Object.keys(fields).filter((field) => !known.has(field));
  if (unknown.length > 0) {
    throw new Invalid(`fields: unknown ${entityType} field ${unknown.map((f) => `"${f}"`).join(', ')}; use one of ${[...known].join(', ')}`, {
      issues: unknown.map((field) => ({ path: ['fields', field], message: 'unknown field' })),
    });
  }
}

export function isEmptyValue(value: unknown, emptyValue?: string): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (emptyValue !== undefined && value === emptyValue);
}

/** The survivor keeps its value unless the merged one was chosen, or the survivor's is empty and the merged one's is not. */
export function takesMerged(choice: FieldChoice | undefined, survivorValue: unknown, mergedValue: unknown, emptyValue?: string): boolean {
  if (choice === 'merged') return true;
  if (choice === 'survivor') return false;
  return isEmptyValue(survivorValue, emptyValue) && !isEmptyValue(mergedValue, emptyValue);
}

/** The survivor's column changes: only fields whose value actually differs. */
export function survivorColumnPatch(
  entityType: IdentityEntityType,
  survivor: Record<string, unknown>,
  merged: Record<string, unknown>,
  fields: FieldChoices,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const { field, emptyValue } of columnFieldsOf(entityType)) {
    if (!takesMerged(fields[field], survivor[field], merged[field], emptyValue)) continue;
    if (JSON.stringify(survivor[field]) !== JSON.stringify(merged[field])) patch[field] = merged[field];
  }
  return patch;
}
