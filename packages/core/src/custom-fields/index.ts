import { CustomFieldCreateInput, CustomFieldDefinitionView, CustomFieldListQuery, CustomFieldUpdateInput, IdParams, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { createCustomField, deleteCustomField, restoreCustomField, updateCustomField } from './commands.js';
import { getCustomFieldDefinition, listCustomFieldDefinitions } from './queries.js';

export { writeCustomFieldValues } from './commands.js';
export { loadCustomFieldsFor } from './presenter.js';

export const customFieldOperations = {
  list: defineOperation({ name: 'customFields.list', summary: 'List custom field definitions', permission: 'crm.read', input: CustomFieldListQuery, output: ListEnvelope(CustomFieldDefinitionView), run: ({ core }, query) => listCustomFieldDefinitions(core, query) }),
  get: defineOperation({ name: 'customFields.get', summary: 'Get one custom field definition', permission: 'crm.read', input: IdParams, output: CustomFieldDefinitionView, run: ({ core }, { id }) => getCustomFieldDefinition(core, id) }),
  create: defineOperation({ name: 'customFields.create', summary: 'Define a custom field on contacts, organizations or commitments', permission: 'customFields.manage', input: CustomFieldCreateInput, output: CustomFieldDefinitionView, run: ({ core, actor }, input) => createCustomField(core, actor, input) }),
  update: defineOperation({ name: 'customFields.update', summary: 'Change a custom field label, options, order or required flag', permission: 'customFields.manage', input: UpdateOperationInput(CustomFieldUpdateInput), output: CustomFieldDefinitionView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateCustomField(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'customFields.delete', summary: 'Move a custom field to the trash (values are kept until purge)', permission: 'customFields.manage', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteCustomField(core, actor, id) }),
  restore: defineOperation({ name: 'customFields.restore', summary: 'Restore a trashed custom field with its values', permission: 'customFields.manage', input: IdParams, output: CustomFieldDefinitionView, run: ({ core, actor }, { id }) => restoreCustomField(core, actor, id) }),
};
