import { FundCreateInput, FundListQuery, FundUpdateInput, FundView, IdParams, ListEnvelope, NoContent, UpdateOperationInput } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { createFund, deleteFund, restoreFund, updateFund } from './commands.js';
import { getFund, listFunds } from './queries.js';

export { createFundIn, updateFundIn } from './commands.js';
export { presentFund } from './presenter.js';

export const fundOperations = {
  list: defineOperation({ name: 'funds.list', summary: 'List funds', permission: 'crm.read', input: FundListQuery, output: ListEnvelope(FundView), run: ({ core }, query) => listFunds(core, query) }),
  get: defineOperation({ name: 'funds.get', summary: 'Get one fund', permission: 'crm.read', input: IdParams, output: FundView, run: ({ core }, { id }) => getFund(core, id) }),
  create: defineOperation({ name: 'funds.create', summary: 'Create a fund', permission: 'funds.write', input: FundCreateInput, output: FundView, run: ({ core, actor }, input) => createFund(core, actor, input) }),
  update: defineOperation({ name: 'funds.update', summary: 'Edit a fund', permission: 'funds.write', input: UpdateOperationInput(FundUpdateInput), output: FundView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateFund(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'funds.delete', summary: 'Move a fund to the trash', permission: 'funds.write', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteFund(core, actor, id) }),
  restore: defineOperation({ name: 'funds.restore', summary: 'Restore a trashed fund', permission: 'funds.write', input: IdParams, output: FundView, run: ({ core, actor }, { id }) => restoreFund(core, actor, id) }),
};
