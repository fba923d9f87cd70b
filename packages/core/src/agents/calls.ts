import { AgentCallOutcome, type AgentCallListQuery, type AgentCallView } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import type { CoreContext } from '../kernel/context.js';
import { newId } from '../kernel/ids.js';
import { asEnum } from '../kernel/values.js';
import { write } from '../kernel/write.js';
import type { AgentIdentity } from './keys.js';

export interface AgentCallRecord {
  sessionId: string | null;
  tool: string;
  /** As the model sent them: for `pii` keys, with placeholders, never the real values. */
  arguments: unknown;
  resultBytes: number;
  durationMs: number;
  outcome: AgentCallOutcome;
  error: string | null;
  proposalId?: string | null;
}

/** Arguments longer than this are cut in the log (a model pasting a whole email body). */
const MAX_ARGUMENTS_JSON = 20_000;

function argumentsJson(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_ARGUMENTS_JSON ? json : JSON.stringify({ truncated: true, prefix: json.slice(0, MAX_ARGUMENTS_JSON) });
}

/**
 * Log one MCP tool call, reads included: a row for the Agent activity view and an activity-log entry
 * (entity type `agent_call`, door mcp, the key as actor) in one transaction.
 */
export function recordAgentCall(core: CoreContext, agent: AgentIdentity, call: AgentCallRecord): Promise<string> {
  return write(core, agent.actor, async (scope) => {
    const row: Row<'agentCalls'> = {
      id: newId(),
      at: scope.now,
      apiKeyId: agent.apiKeyId,
      sessionId: call.sessionId,
      tool: call.tool,
      argumentsJson: argumentsJson(call.arguments),
      resultBytes: call.resultBytes,
      durationMs: Math.round(call.durationMs * 100) / 100,
      outcome: call.outcome,
      error: call.error,
      proposalId: call.proposalId ?? null,
    };
    await scope.tx.insertInto('agentCalls').values(row).execute();
    await scope.log({
      action: 'call',
      entityType: 'agent_call',
      entityId: row.id,
      diff: {
        tool: row.tool,
        arguments: JSON.parse(row.argumentsJson),
        resultBytes: row.resultBytes,
        durationMs: row.durationMs,
        outcome: row.outcome,
        error: row.error,
        proposalId: row.proposalId,
        sessionId: row.sessionId,
      },
    });
    return row.id;
  });
}

function presentCall(row: Row<'agentCalls'> & { apiKeyName: string | null }): AgentCallView {
  return {
    id: row.id,
    at: row.at,
    apiKeyId: row.apiKeyId,
    apiKeyName: row.apiKeyName,
    sessionId: row.sessionId,
    tool: row.tool,
    arguments: JSON.parse(row.argumentsJson),
    resultBytes: Number(row.resultBytes),
    durationMs: Number(row.durationMs),
    outcome: asEnum(AgentCallOutcome, row.outcome),
    error: row.error,
    proposalId: row.proposalId,
  };
}

/** The Agent activity view: newest first, by key, tool and outcome. */
export async function listAgentCalls(core: CoreContext, query: AgentCallListQuery) {
  let base = core.db.selectFrom('agentCalls as c').leftJoin('apiKeys as k', 'k.id', 'c.apiKeyId');
  if (query.apiKeyId) base = base.where('c.apiKeyId', '=', query.apiKeyId);
  if (query.tool) base = base.where('c.tool', '=', query.tool);
  if (query.outcome) base = base.where('c.outcome', '=', query.outcome);
  const [rows, count] = await Promise.all([
    base.selectAll('c').select('k.name as apiKeyName').orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(presentCall), total: Number(count.n), limit: query.limit, offset: query.offset };
}
