import { RecordHistory, CommunicationCreateInput, CommunicationListQuery, CommunicationUpdateInput, CommunicationView, IdParams, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { createCommunication, deleteCommunication, restoreCommunication, updateCommunication } from './commands.js';
import { communicationHistory } from './history.js';
import { getCommunication, listCommunications } from './queries.js';

export { createCommunicationIn, updateCommunicationIn } from './commands.js';
export { presentCommunications } from './presenter.js';
export type { CommunicationView } from './presenter.js';
export { listCommunications } from './queries.js';

export const communicationOperations = {
  list: defineOperation({ name: 'communications.list', summary: 'Chronological feed of calls, meetings, emails, notes and texts', permission: 'crm.read', input: CommunicationListQuery, output: ListEnvelope(CommunicationView), run: ({ core }, q) => listCommunications(core, q) }),
  get: defineOperation({ name: 'communications.get', summary: 'Get one communication', permission: 'crm.read', input: IdParams, output: CommunicationView, run: ({ core }, { id }) => getCommunication(core, id) }),
  history: defineOperation({ name: 'communications.history', summary: 'Every version of a communication, oldest first: who changed which fields when, from the activity log', permission: 'crm.read', input: IdParams, output: RecordHistory, run: ({ core }, { id }) => communicationHistory(core, id) }),
  create: defineOperation({ name: 'communications.create', summary: 'Log a communication; a next action with a due date becomes a task', permission: 'communications.write', input: CommunicationCreateInput, output: CommunicationView, run: ({ core, actor }, input) => createCommunication(core, actor, input) }),
  update: defineOperation({ name: 'communications.update', summary: 'Edit a communication', permission: 'communications.write', input: UpdateOperationInput(CommunicationUpdateInput), output: CommunicationView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateCommunication(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'communications.delete', summary: 'Move a communication to the trash', permission: 'crm.delete', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteCommunication(core, actor, id) }),
  restore: defineOperation({ name: 'communications.restore', summary: 'Restore a communication from the trash', permission: 'crm.delete', input: IdParams, output: CommunicationView, run: ({ core, actor }, { id }) => restoreCommunication(core, actor, id) }),
};
