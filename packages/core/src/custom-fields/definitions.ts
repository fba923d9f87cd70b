import { CustomFieldCreateInput, type CustomFieldDefinition, CustomFieldDefinitionView, CustomFieldListQuery, CustomFieldType, CustomFieldUpdateInput, IdParams, LinkableEntity, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import type { Row } from '../db/schema.js';
import { Conflict, Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { defineOperation } from '../kernel/operations.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, deletedFilter, findRow, resolveSort, restoreRow, softDeleteRow } from '../kernel/records.js';
import { asEnum, toBool } from '../kernel/values.js';
import { diffRecords, write } from '../kernel/write.js';

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

const SORTABLE = { position: 'position', label: 'label', key: 'key', type: 'type', createdAt: 'createdAt', updatedAt: 'updatedAt' } as const;

export const customFieldOperations = {
  list: defineOperation({
    name: 'customFields.list',
    summary: 'List custom field definitions',
    permission: 'crm.read',
    input: CustomFieldListQuery,
    output: ListEnvelope(CustomFieldDefinitionView),
    async run({ core }, query) {
      const filter = deletedFilter(query.deleted);
      let base = core.db.selectFrom('customFieldDefinitions');
      if (filter === 'live') base = base.where('deletedAt', 'is', null);
      if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
      if (query.entityType) base = base.where('entityType', '=', query.entityType);
      // Like every list, an unknown sort field is a 400; without one, the order the forms show.
      const sort = query.sort ? resolveSort(query.sort, SORTABLE, { column: 'position', direction: 'asc' }) : null;
      const ordered = sort ? base.selectAll().orderBy(sort.column, sort.direction).orderBy('id') : base.selectAll().orderBy('entityType').orderBy('position').orderBy('label');
      const [{ total }, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        ordered.limit(query.limit).offset(query.offset).execute(),
      ]);
      return { data: rows.map(presentDefinition), total: Number(total), limit: query.limit, offset: query.offset };
    },
  }),
  get: defineOperation({
    name: 'customFields.get',
    summary: 'Get one custom field definition',
    permission: 'crm.read',
    input: IdParams,
    output: CustomFieldDefinitionView,
    async run({ core }, { id }) {
      return presentDefinition(await findRow(core.db, 'customFieldDefinitions', id, 'Custom field', { includeDeleted: true }));
    },
  }),
  create: defineOperation({
    name: 'customFields.create',
    summary: 'Define a custom field on contacts, organizations or commitments',
    permission: 'customFields.manage',
    input: CustomFieldCreateInput,
    output: CustomFieldDefinitionView,
    async run({ core, actor }, input) {
      return write(core, actor, async (scope) => {
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
      });
    },
  }),
  update: defineOperation({
    name: 'customFields.update',
    summary: 'Change a custom field label, options, order or required flag',
    permission: 'customFields.manage',
    input: UpdateOperationInput(CustomFieldUpdateInput),
    output: CustomFieldDefinitionView,
    async run({ core, actor }, { id, changes, expectedVersion }) {
      return write(core, actor, async (scope) => {
        const before = await claimRow(scope, 'customFieldDefinitions', id, 'Custom field', { expectedVersion, present: async (row) => presentDefinition(row) });
        if (changes.options) {
          if (new Set(changes.options).size !== changes.options.length) throw new Invalid('options: options must be unique');
          const isSelect = before.type === 'select' || before.type === 'multi_select';
          if (!isSelect && changes.options.length > 0) throw new Invalid(`options: only select fields have options (this is ${before.type})`);
          if (isSelect && changes.options.length === 0) throw new Invalid('options: select fields need at least one option');
        }
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
      });
    },
  }),
  delete: defineOperation({
    name: 'customFields.delete',
    summary: 'Move a custom field to the trash (values are kept until purge)',
    permission: 'customFields.manage',
    input: IdParams,
    output: NoContent,
    async run({ core, actor }, { id }) {
      await write(core, actor, (scope) => softDeleteRow(scope, 'customFieldDefinitions', 'custom_field', id, 'Custom field'));
    },
  }),
  restore: defineOperation({
    name: 'customFields.restore',
    summary: 'Restore a trashed custom field with its values',
    permission: 'customFields.manage',
    input: IdParams,
    output: CustomFieldDefinitionView,
    async run({ core, actor }, { id }) {
      await write(core, actor, (scope) => restoreRow(scope, 'customFieldDefinitions', 'custom_field', id, 'Custom field'));
      return presentDefinition(await findRow(core.db, 'customFieldDefinitions', id, 'Custom field'));
    },
  }),
};
