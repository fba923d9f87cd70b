import {
  AgentCallListQuery,
  AgentCallView,
  AgentProposalListQuery,
  AgentProposalRejectInput,
  AgentProposalView,
  IdParams,
  ListEnvelope,
} from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { listAgentCalls } from './calls.js';
import { approveProposal, getProposal, listProposals, rejectProposal } from './proposals.js';
import { proposeMergeOperation } from './propose-merge.js';

export { type AgentCallRecord, recordAgentCall } from './calls.js';
export { type AgentIdentity, requireAgentKey, resolveAgentKey } from './keys.js';
export { type AgentWriteOutcome, type AgentWriteRequest, type AgentWriteResult, runAgentWrite } from './run-write.js';
export { AGENT_WRITE_TOOLS, type AgentWriteTool, UPDATE_ALLOW_LIST } from './write-tools.js';

/** The agent doors people use: the call log (admins) and the proposals of approval-mode keys (managers, admins). */
export const agentOperations = {
  listCalls: defineOperation({
    name: 'agents.calls',
    summary: 'Every MCP tool call of agent keys, newest first (arguments as the model sent them), by key, tool and outcome',
    permission: 'agents.calls',
    input: AgentCallListQuery,
    output: ListEnvelope(AgentCallView),
    run: ({ core }, query) => listAgentCalls(core, query),
  }),
  listProposals: defineOperation({
    name: 'agents.proposals.list',
    summary: 'Writes approval-mode agent keys proposed, newest first, by status (pending by default)',
    permission: 'agents.review',
    input: AgentProposalListQuery,
    output: ListEnvelope(AgentProposalView),
    run: ({ core }, query) => listProposals(core, query),
  }),
  getProposal: defineOperation({
    name: 'agents.proposals.get',
    summary: 'One proposal with its diff',
    permission: 'agents.review',
    input: IdParams,
    output: AgentProposalView,
    run: ({ core }, { id }) => getProposal(core, id),
  }),
  approveProposal: defineOperation({
    name: 'agents.proposals.approve',
    summary: 'Approve a proposal: it runs through the normal write path as the agent key, with you named and your role lent to it',
    permission: 'agents.review',
    input: IdParams,
    output: AgentProposalView,
    run: ({ core, actor }, { id }) => approveProposal(core, actor, id),
  }),
  rejectProposal: defineOperation({
    name: 'agents.proposals.reject',
    summary: 'Reject a proposal (with an optional reason); nothing is written',
    permission: 'agents.review',
    input: IdParams.extend({ body: AgentProposalRejectInput }),
    output: AgentProposalView,
    run: ({ core, actor }, { id, body }) => rejectProposal(core, actor, id, body.reason),
  }),
  proposeMerge: proposeMergeOperation,
};
