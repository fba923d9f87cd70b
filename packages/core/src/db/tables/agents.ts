/** Agents over MCP (core/agents, migration 0021). */

/** One MCP tool call: arguments as the model sent them (redacted for `pii` keys). */
export interface AgentCallsTable {
  id: string;
  at: string;
  apiKeyId: string;
  sessionId: string | null;
  tool: string;
  argumentsJson: string;
  resultBytes: number;
  durationMs: number;
  outcome: string;
  error: string | null;
  proposalId: string | null;
}

/** The first result of a write per (key, idempotency key), replayed to a retry with the same arguments. */
export interface AgentIdempotencyTable {
  apiKeyId: string;
  idempotencyKey: string;
  tool: string;
  argumentsHash: string;
  resultJson: string;
  createdAt: string;
}

/** A write an approval-mode key asked for; `inputJson` is the operation input approval runs (real values). */
export interface AgentProposalsTable {
  id: string;
  apiKeyId: string;
  tool: string;
  operation: string;
  argumentsJson: string;
  inputJson: string;
  diffJson: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  resultJson: string | null;
}
