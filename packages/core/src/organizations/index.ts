import { IdParams, ListEnvelope, NoContent, OrganizationCreateInput, OrganizationDetailView, OrganizationListQuery, OrganizationUpdateInput, OrganizationView, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import { organizationDossier } from '../dossiers/dossiers.js';
import { defineOperation } from '../kernel/operations.js';
import { createOrganization, deleteOrganization, restoreOrganization, updateOrganization } from './commands.js';
import { listOrganizations } from './queries.js';

export { createOrganizationIn, updateOrganizationIn } from './commands.js';
export { presentOrganization } from './presenter.js';
export type { OrganizationView } from './presenter.js';

export const organizationOperations = {
  list: defineOperation({ name: 'organizations.list', summary: 'List and search organizations (investors and prospects)', permission: 'crm.read', input: OrganizationListQuery, output: ListEnvelope(OrganizationView), run: ({ core }, q) => listOrganizations(core, q) }),
  get: defineOperation({ name: 'organizations.get', summary: 'Organization dossier: record, people, commitments, recent communications, open tasks', permission: 'crm.read', input: IdParams, output: OrganizationDetailView, run: ({ core }, { id }) => organizationDossier(core, id) }),
  create: defineOperation({ name: 'organizations.create', summary: 'Create an organization', permission: 'crm.write', input: OrganizationCreateInput, output: OrganizationView, run: ({ core, actor }, input) => createOrganization(core, actor, input) }),
  update: defineOperation({ name: 'organizations.update', summary: 'Edit an organization', permission: 'crm.write', input: UpdateOperationInput(OrganizationUpdateInput), output: OrganizationView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateOrganization(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'organizations.delete', summary: 'Move an organization to the trash', permission: 'crm.delete', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteOrganization(core, actor, id) }),
  restore: defineOperation({ name: 'organizations.restore', summary: 'Restore an organization from the trash', permission: 'crm.delete', input: IdParams, output: OrganizationView, run: ({ core, actor }, { id }) => restoreOrganization(core, actor, id) }),
};
