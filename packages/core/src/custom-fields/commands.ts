import type { CustomFieldCreateInput, CustomFieldDefinition, CustomFieldMap, CustomFieldUpdateInput, LinkableEntity } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { presentDefinition } from './presenter.js';
import { liveDefinitions } from './queries.js';
import { checkDefinitionOptions, encodeValue, type StoredValue } from './rules.js';

export async function createCustomFieldIn(scope: WriteScope, input: CustomFieldCreateInput): Promise<CustomFieldDefinition> {
  const clash = await scope.tx
    .selectFrom('customFieldDefinitions')
    .select(['id', 'deletedAt'])
    .where('entityType', '=', input.entityType)
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (clash) {
    throw new Conflict(
      clash.deletedAt ? `A ${input.entityType} field "${input.key}" is in the trash; restore it instead` : `A ${input.entityType} field "${input.key}" already exists`,
      { id: clash.id },
    );
  }
  const last = await scope.tx
    .selectFrom('customFieldDefinitions')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('entityType', '=', input.entityType)
    .executeTakeFirst();
  const row = {
    id: newId(),
    entityType: input.entityType,
    key: input.key,
    label: input.label,
    type: input.type,
    optionsJson: JSON.stringify(input.options),
    required: input.required ? 1 : 0,
    position: input.position ?? Number(last?.max ?? -1) + 1,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('customFieldDefinitions').values(row).execute();
  const view = presentDefinition(row);
  await scope.log({ action: 'create', entityType: 'custom_field', entityId: row.id, diff: { after: view } });
  return view;
}

export function createCustomField(core: CoreContext, actor: Actor, input: CustomFieldCreateInput) {
  return write(core, actor, (scope) => createCustomFieldIn(scope, input));
}

export async function updateCustomFieldIn(scope: WriteScope, id: string, changes: CustomFieldUpdateInput, expectedVersion?: number): Promise<CustomFieldDefinition> {
  const before = await claimRow(scope, 'customFieldDefinitions', id, 'Custom field', { expectedVersion, present: async (row) => presentDefinition(row) });
  if (changes.options) checkDefinitionOptions(before.type, changes.options);
  await scope.tx
    .updateTable('customFieldDefinitions')
    .set({
      ...(changes.label !== undefined ? { label: changes.label } : {}),
      ...(changes.options !== undefined ? { optionsJson: JSON.stringify(changes.options) } : {}),
      ...(changes.required !== undefined ? { required: changes.required ? 1 : 0 } : {}),
      ...(changes.position !== undefined ? { position: changes.position } : {}),
      ...auditedUpdateFields(scope),
    })
    .where('id', '=', id)
    .execute();
  const after = await findRow(scope.tx, 'customFieldDefinitions', id, 'Custom field');
  await scope.log({ action: 'update', entityType: 'custom_field', entityId: id, diff: diffRecords({ ...presentDefinition(before) }, { ...presentDefinition(after) }) });
  return presentDefinition(after);
}

export function updateCustomField(core: CoreContext, actor: Actor, id: string, changes: CustomFieldUpdateInput, expectedVersion?: number) {
  return write(core, actor, (scope) => updateCustomFieldIn(scope, id, changes, expectedVersion));
}

export function deleteCustomField(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'customFieldDefinitions', 'custom_field', id, 'Custom field'));
}

export async function restoreCustomField(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, (scope) => restoreRow(scope, 'customFieldDefinitions', 'custom_field', id, 'Custom field'));
  return presentDefinition(await findRow(core.db, 'customFieldDefinitions', id, 'Custom field'));
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
