import { BatchInput, BatchResultView } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { applyBatch } from './batch.js';

export const batchOperations = {
  apply: defineOperation({
    name: 'batch.apply',
    summary: 'Change many fields of many records in one transaction, all or nothing; stale `expected` values answer 409 with the current ones',
    // Each record's own permission (crm.write, funds.write, tasks.write, …) is checked per change.
    permission: 'crm.read',
    input: BatchInput,
    output: BatchResultView,
    run: ({ core, actor }, input) => applyBatch(core, actor, input),
  }),
};
