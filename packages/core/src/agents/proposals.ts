import { type AgentDiff, AgentProposalStatus, type AgentProposalListQuery, type AgentProposalView, AgentWriteToolName } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Conflict, Invalid, NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { execute } from '../kernel/operations.js';
import { asEnum } from '../kernel/values.js';
import { write } from '../kernel/write.js';
import type { AgentIdentity } from './keys.js';
import { lendRole } from './lent-role.js';
import { PROPOSABLE_OPERATIONS } from './write-tools.js';

export interface NewProposal {
  tool: AgentWriteToolName;
  operation: string;
  /** As the model sent them (placeholders for `pii` keys). */
  arguments: unknown;
  /** The validated operation input approval runs, with real values. */
  input: unknown;
  diff: AgentDiff;
}

type ProposalRow = Row<'agentProposals'> & { apiKeyName: string | null; decidedByName: string | null };

function presentProposal(row: ProposalRow): AgentProposalView {
  return {
    id: row.id,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    tool: asEnum(AgentWriteToolName, row.tool),
    operation: row.operation,
    arguments: JSON.parse(row.argumentsJson),
    diff: JSON.parse(row.diffJson) as AgentDiff,
    status: asEnum(AgentProposalStatus, row.status),
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    reason: row.reason,
    result: row.resultJson === null ? null : JSON.parse(row.resultJson),
  };
}

const proposalQuery = (core: CoreContext) =>
  core.db
    .selectFrom('agentProposals as p')
    .leftJoin('apiKeys as k', 'k.id', 'p.apiKeyId')
    .leftJoin('users as u', 'u.id', 'p.decidedBy')
    .selectAll('p')
    .select(['k.name as apiKeyName', (eb) => eb.fn.coalesce('u.fullName', 'u.username').as('decidedByName')]);

/** Store an approval-mode write instead of running it; logged as the agent key (door mcp). */
export function createProposal(core: CoreContext, agent: AgentIdentity, proposal: NewProposal): Promise<string> {
  return write(core, agent.actor, async (scope) => {
    const id = newId();
    await scope.tx
      .insertInto('agentProposals')
      .values({
        id,
        apiKeyId: agent.apiKeyId,
        tool: proposal.tool,
        operation: proposal.operation,
        argumentsJson: JSON.stringify(proposal.arguments ?? null),
        inputJson: JSON.stringify(proposal.input ?? null),
        diffJson: JSON.stringify(proposal.diff),
        status: 'pending',
        createdAt: scope.now,
        decidedAt: null,
        decidedBy: null,
        reason: null,
        resultJson: null,
      })
      .execute();
    await scope.log({
      action: 'propose',
      entityType: 'agent_proposal',
      entityId: id,
      diff: { tool: proposal.tool, operation: proposal.operation, diff: proposal.diff },
    });
    return id;
  });
}

export async function listProposals(core: CoreContext, query: AgentProposalListQuery) {
  let base = core.db.selectFrom('agentProposals').where('status', '=', query.status);
  if (query.apiKeyId) base = base.where('apiKeyId', '=', query.apiKeyId);
  let page = proposalQuery(core).where('p.status', '=', query.status);
  if (query.apiKeyId) page = page.where('p.apiKeyId', '=', query.apiKeyId);
  const [rows, count] = await Promise.all([
    page.orderBy('p.createdAt', 'desc').orderBy('p.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(presentProposal), total: Number(count.n), limit: query.limit, offset: query.offset };
}

export async function getProposal(core: CoreContext, id: string): Promise<AgentProposalView> {
  const row = await proposalQuery(core).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Proposal', id);
  return presentProposal(row);
}

async function pendingRow(core: CoreContext, id: string) {
  const row = await core.db.selectFrom('agentProposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Proposal', id);
  if (row.status !== 'pending') throw new Conflict(`Proposal ${id} is already ${row.status}`);
  return row;
}

/**
 * Approve: run the proposed operation through the normal write path. It acts as the agent key (door mcp,
 * so the record's history shows the agent) with the approver named, and with the approver's role: the
 * person approving lends their authority to this one write. A revoked key's proposals cannot be approved.
 */
export async function approveProposal(core: CoreContext, approver: Actor, id: string): Promise<AgentProposalView> {
  const row = await pendingRow(core, id);
  const operation = PROPOSABLE_OPERATIONS.get(row.operation);
  if (!operation) throw new Invalid(`Proposal ${id} names an operation agents cannot propose (${row.operation})`);
  const key = await core.db.selectFrom('apiKeys').select(['id', 'name', 'revokedAt']).where('id', '=', row.apiKeyId).executeTakeFirst();
  if (!key || key.revokedAt) throw new Conflict(`The agent key of proposal ${id} was revoked; reject the proposal instead`);
  const actor = lendRole(
    { id: key.id, name: `${key.name} (approved by ${approver.name ?? 'unknown'})`, userId: null, requestId: approver.requestId },
    approver.role,
  );
  // Claim it first, so two approvers clicking at once do not both run it.
  const claimed = await core.db
    .updateTable('agentProposals')
    .set({ status: 'approved', decidedAt: core.clock.now().toISOString(), decidedBy: approver.userId ?? approver.id })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) throw new Conflict(`Proposal ${id} was decided meanwhile`);
  let result: unknown;
  try {
    result = await execute(operation, { core, actor }, JSON.parse(row.inputJson));
  } catch (error) {
    // Nothing was written: the proposal goes back to pending, and the error says why (e.g. the record changed).
    await core.db.updateTable('agentProposals').set({ status: 'pending', decidedAt: null, decidedBy: null }).where('id', '=', id).execute();
    throw error;
  }
  await write(core, approver, async (scope) => {
    await scope.tx
      .updateTable('agentProposals')
      .set({ resultJson: JSON.stringify(result ?? null), decidedAt: scope.now })
      .where('id', '=', id)
      .execute();
    await scope.log({
      action: 'approve',
      entityType: 'agent_proposal',
      entityId: id,
      diff: { before: { status: 'pending' }, after: { status: 'approved' }, tool: row.tool, apiKeyId: row.apiKeyId },
    });
  });
  return getProposal(core, id);
}

export async function rejectProposal(core: CoreContext, approver: Actor, id: string, reason: string | undefined): Promise<AgentProposalView> {
  await pendingRow(core, id);
  await write(core, approver, async (scope) => {
    const updated = await scope.tx
      .updateTable('agentProposals')
      .set({ status: 'rejected', decidedAt: scope.now, decidedBy: approver.userId ?? approver.id, reason: reason ?? null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new Conflict(`Proposal ${id} was decided meanwhile`);
    await scope.log({
      action: 'reject',
      entityType: 'agent_proposal',
      entityId: id,
      diff: { before: { status: 'pending' }, after: { status: 'rejected', reason: reason ?? null } },
    });
  });
  return getProposal(core, id);
}
