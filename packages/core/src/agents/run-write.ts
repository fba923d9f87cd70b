import type { AgentCallOutcome, AgentDiff } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { execute } from '../kernel/operations.js';
import type { Actor } from '../kernel/actor.js';
import { authorize, can } from '../kernel/permissions.js';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from './idempotency.js';
import type { AgentIdentity } from './keys.js';
import { leastRoleWith, lendRole } from './lent-role.js';
import { createProposal } from './proposals.js';
import { AGENT_WRITE_TOOLS, type AgentWriteTool, type PreparedWrite, prepareWrite, previewWrite } from './write-tools.js';

export interface AgentWriteRequest {
  tool: string;
  /** Tool arguments with real values (placeholders already turned back), without dryRun and idempotencyKey. */
  args: Record<string, unknown>;
  /** As the model sent them, for the proposal (the call log keeps its own copy). */
  argumentsAsSent: unknown;
  dryRun: boolean;
  idempotencyKey: string | undefined;
}

export type AgentWriteResult =
  | { dryRun: true; mode: 'direct' | 'approval'; diff: AgentDiff }
  | { status: 'written'; diff: AgentDiff; record: unknown }
  | { status: 'pending_approval'; proposalId: string; diff: AgentDiff };

export interface AgentWriteOutcome {
  outcome: AgentCallOutcome;
  result: AgentWriteResult;
  proposalId: string | null;
}

/**
 * One write tool call, as safe as the key allows: a dry run answers the diff and writes nothing; an
 * idempotency key makes a retry answer the first result; an approval-mode key stores a proposal; a
 * direct key runs the operation through `execute` (permission and validation as at every door).
 */
export async function runAgentWrite(core: CoreContext, agent: AgentIdentity, request: AgentWriteRequest): Promise<AgentWriteOutcome> {
  const tool = AGENT_WRITE_TOOLS.find((t) => t.name === request.tool);
  if (!tool) throw new Invalid(`Unknown write tool ${request.tool}`);
  const ctx = { core, actor: agent.actor };
  const prepared = prepareWrite(tool, request.args, core.clock.now());
  // A direct key is refused what it may not do before anything else, dry run included; an approval-mode
  // key may propose it (the approver's role decides when it runs).
  const writer = agent.writes === 'direct' ? directWriter(agent, tool, prepared, request.args) : agent.actor;
  const diff = await previewWrite(ctx, prepared, request.args);
  if (request.dryRun) return { outcome: 'dry_run', result: { dryRun: true, mode: agent.writes, diff }, proposalId: null };

  const key = request.idempotencyKey;
  if (key) {
    const claim = await claimIdempotencyKey(core, agent.apiKeyId, key, tool.name, request.args);
    if (claim.kind === 'replay') {
      const result = claim.result as AgentWriteResult;
      return { outcome: 'replayed', result, proposalId: 'proposalId' in result ? result.proposalId : null };
    }
  }
  try {
    let outcome: AgentWriteOutcome;
    if (agent.writes === 'approval') {
      const proposalId = await createProposal(core, agent, {
        tool: tool.name,
        operation: prepared.operation.name,
        arguments: request.argumentsAsSent,
        input: prepared.input,
        diff,
      });
      outcome = { outcome: 'proposed', result: { status: 'pending_approval', proposalId, diff }, proposalId };
    } else {
      const record = await execute(prepared.operation, { core, actor: writer }, prepared.input);
      outcome = { outcome: 'ok', result: { status: 'written', diff, record }, proposalId: null };
    }
    if (key) await completeIdempotencyKey(core, agent.apiKeyId, key, outcome.result);
    return outcome;
  } catch (error) {
    if (key) await releaseIdempotencyKey(core, agent.apiKeyId, key);
    throw error;
  }
}

/**
 * Who runs a direct key's write. What the agent role allows runs as the key itself. A record write
 * (move_stage, update_record) needs `agents.writeRecords`, only its listed arguments, and then runs as the
 * key with the least role that allows the operation lent for this one write (lent-role.ts), the same
 * mechanism approval uses. Anything else is refused with the role's own reason.
 */
function directWriter(agent: AgentIdentity, tool: AgentWriteTool, prepared: PreparedWrite, args: Record<string, unknown>): Actor {
  const permission = prepared.operation.permission;
  if (!permission || can(agent.actor, permission)) return agent.actor;
  if (!tool.recordWrite) {
    authorize(agent.actor, permission);
    return agent.actor;
  }
  authorize(agent.actor, 'agents.writeRecords');
  const allowed = tool.recordWrite.args;
  const refused = Object.keys(args).filter((name) => args[name] !== undefined && !allowed.includes(name));
  if (refused.length > 0) {
    throw new Invalid(
      `${tool.name} with a direct key takes only ${allowed.join(', ')}; ${refused.join(', ')} needs a person (an approval-mode key, or the web app)`,
    );
  }
  const { actor } = agent;
  return lendRole({ id: agent.apiKeyId, name: actor.name, userId: actor.userId, requestId: actor.requestId }, leastRoleWith(permission));
}
