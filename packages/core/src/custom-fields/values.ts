import type { CustomFieldMap, CustomFieldType, CustomFieldValue, LinkableEntity } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { Invalid } from '../kernel/errors.js';
import type { Tx, WriteScope } from '../kernel/write.js';

export type { CustomFieldMap, CustomFieldValue } from '@lpdesk/contracts';

interface StoredValue {
  valueText: string | null;
  valueNumber: number | null;
  valueJson: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Check one value against its definition and turn it into typed columns (sortable, filterable). */
export function encodeValue(definition: Row<'customFieldDefinitions'>, value: CustomFieldValue): StoredValue | string {
  const type = definition.type as CustomFieldType;
  const options = JSON.parse(definition.optionsJson) as string[];
  const none = { valueText: null, valueNumber: null, valueJson: null };
  switch (type) {
    case 'text':
    case 'long_text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > (type === 'text' ? 500 : 20000)) return 'is too long';
      return { ...none, valueText: value };
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) return 'must be an http(s) URL';
      return { ...none, valueText: value };
    case 'email':
      if (typeof value !== 'string' || !EMAIL.test(value)) return 'must be an email address';
      return { ...none, valueText: value.trim().toLowerCase() };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      return { ...none, valueNumber: value };
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be an integer amount in minor units (e.g. cents)';
      return { ...none, valueNumber: value };
    case 'boolean':
      if (typeof value !== 'boolean') return 'must be true or false';
      return { ...none, valueNumber: value ? 1 : 0 };
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) return 'must be a date in YYYY-MM-DD form';
      return { ...none, valueText: value };
    case 'select':
      if (typeof value !== 'string' || !options.includes(value)) return `must be one of: ${options.join(', ')}`;
      return { ...none, valueText: value };
    case 'multi_select': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !options.includes(v))) {
        return `must be a list drawn from: ${options.join(', ')}`;
      }
      const unique = [...new Set(value)];
      return { ...none, valueJson: JSON.stringify(unique), valueText: unique.join(', ') };
    }
  }
}

export function decodeValue(definition: Pick<Row<'customFieldDefinitions'>, 'type'>, stored: StoredValue): CustomFieldValue {
  switch (definition.type as CustomFieldType) {
    case 'number':
    case 'money':
      return stored.valueNumber === null ? null : Number(stored.valueNumber);
    case 'boolean':
      return stored.valueNumber === null ? null : Number(stored.valueNumber) === 1;
    case 'multi_select':
      return stored.valueJson ? (JSON.parse(stored.valueJson) as string[]) : [];
    default:
      return stored.valueText;
  }
}

export async function liveDefinitions(db: Db | Tx, entityType: LinkableEntity) {
  return db
    .selectFrom('customFieldDefinitions')
    .selectAll()
    .where('entityType', '=', entityType)
    .where('deletedAt', 'is', null)
    .orderBy('position')
    .execute();
}

/**
 * Validate and store custom field values for one record. Unknown keys and wrong types are
 * rejected with field paths; `null` clears a value. On create, required fields must be present.
 */
export async function writeCustomFieldValues(
  scope: WriteScope,
  entityType: LinkableEntity,
  entityId: string,
  values: CustomFieldMap | undefined,
  mode: 'create' | 'update',
): Promise<void> {
  const definitions = await liveDefinitions(scope.tx, entityType);
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const issues: { path: string[]; message: string }[] = [];
  const given = values ?? {};
  for (const key of Object.keys(given)) {
    if (!byKey.has(key)) issues.push({ path: ['customFields', key], message: `no custom field "${key}" is defined for ${entityType}s` });
  }
  if (mode === 'create') {
    for (const definition of definitions) {
      const value = Object.hasOwn(given, definition.key) ? given[definition.key] : undefined;
      if (definition.required === 1 && (value === undefined || value === null)) {
        issues.push({ path: ['customFields', definition.key], message: `${definition.label} is required` });
      }
    }
  }
  const writes: { definitionId: string; stored: StoredValue | null }[] = [];
  for (const [key, value] of Object.entries(given)) {
    const definition = byKey.get(key);
    if (!definition) continue;
    if (value === null) {
      if (definition.required === 1) issues.push({ path: ['customFields', key], message: `${definition.label} is required` });
      writes.push({ definitionId: definition.id, stored: null });
      continue;
    }
    const encoded = encodeValue(definition, value);
    if (typeof encoded === 'string') issues.push({ path: ['customFields', key], message: `${definition.label} ${encoded}` });
    else writes.push({ definitionId: definition.id, stored: encoded });
  }
  if (issues.length > 0) throw new Invalid(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), { issues });
  for (const { definitionId, stored } of writes) {
    await scope.tx.deleteFrom('customFieldValues').where('definitionId', '=', definitionId).where('entityId', '=', entityId).execute();
    if (stored) {
      await scope.tx.insertInto('customFieldValues').values({ definitionId, entityType, entityId, ...stored, updatedAt: scope.now }).execute();
    }
  }
}

export async function loadCustomFieldsFor(db: Db | Tx, entityType: LinkableEntity, entityIds: string[]): Promise<Map<string, CustomFieldMap>> {
  const result = new Map<string, CustomFieldMap>();
  if (entityIds.length === 0) return result;
  const rows = await db
    .selectFrom('customFieldValues')
    .innerJoin('customFieldDefinitions', 'customFieldDefinitions.id', 'customFieldValues.definitionId')
    .select([
      'customFieldValues.entityId',
      'customFieldDefinitions.key',
      'customFieldDefinitions.type',
      'customFieldValues.valueText',
      'customFieldValues.valueNumber',
      'customFieldValues.valueJson',
    ])
    .where('customFieldValues.entityType', '=', entityType)
    .where('customFieldValues.entityId', 'in', entityIds)
    .where('customFieldDefinitions.deletedAt', 'is', null)
    .execute();
  for (const row of rows) {
    const map = result.get(row.entityId) ?? {};
    map[row.key] = decodeValue(row, row);
    result.set(row.entityId, map);
  }
  return result;
}
