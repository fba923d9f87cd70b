import { CommitmentCreateInput, CommitmentDetailView, CommitmentListQuery, CommitmentUpdateInput, CommitmentView, IdParams, ListEnvelope, NoContent, StageMoveInput, UpdateOperationInput } from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { createCommitment, deleteCommitment, moveCommitmentStage, restoreCommitment, updateCommitment } from './commands.js';
import { listStageChanges } from './presenter.js';
import { getCommitment, listCommitments } from './queries.js';

export { createCommitmentIn, moveStageIn, type StageMove, updateCommitmentIn } from './commands.js';
export { presentCommitment } from './presenter.js';
export { type CommitmentFilters, matchesCommitmentFilters } from './queries.js';
export type { CommitmentView } from './presenter.js';

export const commitmentOperations = {
  list: defineOperation({ name: 'commitments.list', summary: 'List commitments (investor × fund) with stage and amounts', permission: 'crm.read', input: CommitmentListQuery, output: ListEnvelope(CommitmentView), run: ({ core }, q) => listCommitments(core, q) }),
  get: defineOperation({
    name: 'commitments.get',
    summary: 'Get a commitment with its stage history',
    permission: 'crm.read',
    input: IdParams,
    output: CommitmentDetailView,
    async run({ core }, { id }) {
      const commitment = await getCommitment(core, id);
      return { ...commitment, stageChanges: await listStageChanges(core.db, { commitmentIds: [id], limit: 200 }) };
    },
  }),
  create: defineOperation({ name: 'commitments.create', summary: 'Open a commitment for an investor in a fund', permission: 'crm.write', input: CommitmentCreateInput, output: CommitmentView, run: ({ core, actor }, input) => createCommitment(core, actor, input) }),
  update: defineOperation({ name: 'commitments.update', summary: 'Edit amounts, paperwork and other commitment fields', permission: 'crm.write', input: UpdateOperationInput(CommitmentUpdateInput), output: CommitmentView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateCommitment(core, actor, id, changes, expectedVersion) }),
  moveStage: defineOperation({ name: 'commitments.moveStage', summary: 'Move a commitment to another pipeline stage (declined needs a reason; committed and closed need the committed amount)', permission: 'crm.write', input: z.object({ id: IdParams.shape.id, move: StageMoveInput }), output: CommitmentView, run: ({ core, actor }, { id, move }) => moveCommitmentStage(core, actor, id, move) }),
  delete: defineOperation({ name: 'commitments.delete', summary: 'Move a commitment to the trash', permission: 'crm.delete', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteCommitment(core, actor, id) }),
  restore: defineOperation({ name: 'commitments.restore', summary: 'Restore a commitment from the trash', permission: 'crm.delete', input: IdParams, output: CommitmentView, run: ({ core, actor }, { id }) => restoreCommitment(core, actor, id) }),
};
