import { IdParams, ListEnvelope, TrashEntry, TrashImpact, TrashListQuery } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { contactTrashImpact, organizationTrashImpact } from './impact.js';
import { listTrash } from './list.js';
import { purgeOperation } from './purge.js';

export { contactTrashImpact, organizationTrashImpact } from './impact.js';
export { listTrash } from './list.js';
export { purgeTrash, type PurgeResult } from './purge.js';

export const trashOperations = {
  list: defineOperation({
    name: 'trash.list',
    summary: 'Trashed records of one kind, newest first, with who trashed each',
    permission: 'crm.read',
    input: TrashListQuery,
    output: ListEnvelope(TrashEntry),
    run: ({ core }, q) => listTrash(core, q),
  }),
  organizationImpact: defineOperation({
    name: 'trash.organizationImpact',
    summary: 'What else leaves which screens if this organization moves to the trash (commitments and money per fund, people, open tasks, communications)',
    permission: 'crm.read',
    input: IdParams,
    output: TrashImpact,
    run: ({ core }, { id }) => organizationTrashImpact(core, id),
  }),
  contactImpact: defineOperation({
    name: 'trash.contactImpact',
    summary: 'What else changes if this contact moves to the trash (commitments naming them primary contact, organizations, open tasks, communications)',
    permission: 'crm.read',
    input: IdParams,
    output: TrashImpact,
    run: ({ core }, { id }) => contactTrashImpact(core, id),
  }),
  purge: purgeOperation,
};
