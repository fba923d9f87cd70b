import { ContactCreateInput, ContactDetailView, ContactListQuery, ContactUpdateInput, ContactView, IdParams, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import { contactDossier } from '../dossiers/dossiers.js';
import { defineOperation } from '../kernel/operations.js';
import { createContact, deleteContact, restoreContact, updateContact } from './commands.js';
import { listContacts } from './queries.js';

export { createContactIn, updateContactIn } from './commands.js';
export { presentContact } from './presenter.js';
export { normalizeEmail, toE164 } from './normalize.js';
export type { ContactView } from './presenter.js';

export const contactOperations = {
  list: defineOperation({ name: 'contacts.list', summary: 'List and search contacts', permission: 'crm.read', input: ContactListQuery, output: ListEnvelope(ContactView), run: ({ core }, q) => listContacts(core, q) }),
  get: defineOperation({ name: 'contacts.get', summary: 'Contact dossier: record, organizations, commitments, recent communications, open tasks', permission: 'crm.read', input: IdParams, output: ContactDetailView, run: ({ core }, { id }) => contactDossier(core, id) }),
  create: defineOperation({ name: 'contacts.create', summary: 'Create a contact', permission: 'crm.write', input: ContactCreateInput, output: ContactView, run: ({ core, actor }, input) => createContact(core, actor, input) }),
  update: defineOperation({ name: 'contacts.update', summary: 'Edit a contact', permission: 'crm.write', input: UpdateOperationInput(ContactUpdateInput), output: ContactView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateContact(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'contacts.delete', summary: 'Move a contact to the trash', permission: 'crm.delete', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteContact(core, actor, id) }),
  restore: defineOperation({ name: 'contacts.restore', summary: 'Restore a contact from the trash', permission: 'crm.delete', input: IdParams, output: ContactView, run: ({ core, actor }, { id }) => restoreContact(core, actor, id) }),
};
