import { type CustomFieldDefinition, type CustomFieldMap, CustomFieldType, LinkableEntity } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { asEnum, toBool } from '../kernel/values.js';
import type { Tx } from '../kernel/write.js';
import { decodeValue } from './rules.js';

export function presentDefinition(row: Row<'customFieldDefinitions'>): CustomFieldDefinition {
  return {
    id: row.id,
    version: row.version,
    entityType: asEnum(LinkableEntity, row.entityType),
    key: row.key,
    label: row.label,
    type: asEnum(CustomFieldType, row.type),
    options: JSON.parse(row.optionsJson) as string[],
    required: toBool(row.required),
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  };
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
