import { BatchInput, BatchResultView, BatchRunView, BatchUndoView, BulkRequest, IdParams } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { applyBatch } from './batch.js';
import { runBulkAction } from './bulk.js';
import { undoBatch } from './undo.js';

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
  bulk: defineOperation({
    name: 'batch.bulk',
    summary:
      'Set the owner, add or remove a tag, or move to trash every record a list query matches (or the ids given), as one batch: one transaction, one log entry per record sharing the batch id, one undo',
    // The action's own permission (crm.write, tags.apply, crm.delete) is checked by the command.
    permission: 'crm.read',
    input: BulkRequest,
    output: BatchRunView,
    run: ({ core, actor }, input) => runBulkAction(core, actor, input),
  }),
  undo: defineOperation({
    name: 'batch.undo',
    summary: 'Undo a bulk action in one step; records changed since the batch are left as they are and listed',
    permission: 'crm.read',
    input: IdParams,
    output: BatchUndoView,
    run: ({ core, actor }, { id }) => undoBatch(core, actor, id),
  }),
};
