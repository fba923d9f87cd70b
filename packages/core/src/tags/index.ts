import { IdParams, ListEnvelope, NoContent, TagApplyInput, TagApplyResult, TagCreateInput, TagListQuery, TagUpdateInput, TagView, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { applyTag, createTag, deleteTag, restoreTag, updateTag } from './commands.js';
import { getTag, listTags } from './queries.js';

export { createTagIn, setEntityTags } from './commands.js';
export { loadTagsFor } from './presenter.js';

export const tagOperations = {
  list: defineOperation({ name: 'tags.list', summary: 'List tags with how many records carry each', permission: 'crm.read', input: TagListQuery, output: ListEnvelope(TagView), run: ({ core }, query) => listTags(core, query) }),
  get: defineOperation({ name: 'tags.get', summary: 'Get one tag', permission: 'crm.read', input: IdParams, output: TagView, run: ({ core }, { id }) => getTag(core, id) }),
  create: defineOperation({ name: 'tags.create', summary: 'Create a tag', permission: 'tags.apply', input: TagCreateInput, output: TagView, run: ({ core, actor }, input) => createTag(core, actor, input) }),
  update: defineOperation({ name: 'tags.update', summary: 'Rename or recolour a tag', permission: 'tags.manage', input: UpdateOperationInput(TagUpdateInput), output: TagView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateTag(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'tags.delete', summary: 'Move a tag to the trash (records keep the link; it reappears on restore)', permission: 'tags.manage', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteTag(core, actor, id) }),
  restore: defineOperation({ name: 'tags.restore', summary: 'Restore a trashed tag', permission: 'tags.manage', input: IdParams, output: TagView, run: ({ core, actor }, { id }) => restoreTag(core, actor, id) }),
  apply: defineOperation({ name: 'tags.apply', summary: 'Add a tag to (or remove it from) many records at once', permission: 'tags.apply', input: z.object({ id: IdParams.shape.id, request: TagApplyInput }), output: TagApplyResult, run: ({ core, actor }, { id, request }) => applyTag(core, actor, id, request) }),
};
