import { z } from 'zod';
import { Id, Instant, NonEmptyText, queryInt } from './common.js';

/**
 * Agents over MCP (issue 15, docs/mcp.md): how an agent API key behaves, the log of every tool call,
 * and the proposals an approval-mode key makes instead of writing.
 */

/** `pii`: names, emails, phones, organization names become per-session placeholders in what the agent sees. */
export const AgentRedaction = z.enum(['off', 'pii']);
export type AgentRedaction = z.infer<typeof AgentRedaction>;

/** `approval`: the key's writes become proposals a manager or admin approves before they run. */
export const AgentWrites = z.enum(['direct', 'approval']);
export type AgentWrites = z.infer<typeof AgentWrites>;

/** The MCP tools; every call of one is logged (docs/mcp.md has an example of each). */
export const AGENT_READ_TOOLS = ['search', 'get_dossier', 'list_records', 'timeline', 'pipeline_summary', 'who_knows', 'rehydrate'] as const;
export const AGENT_WRITE_TOOLS = ['log_communication', 'add_note', 'create_task', 'move_stage', 'update_record', 'propose_merge'] as const;
export const AGENT_TOOLS = [...AGENT_READ_TOOLS, ...AGENT_WRITE_TOOLS] as const;
export const AgentToolName = z.enum(AGENT_TOOLS);
export type AgentToolName = z.infer<typeof AgentToolName>;
export const AgentWriteToolName = z.enum(AGENT_WRITE_TOOLS);
export type AgentWriteToolName = z.infer<typeof AgentWriteToolName>;

/**
 * How a call ended: `ok`, `error` (refused or failed; nothing written), `dry_run` (the diff only),
 * `proposed` (an approval-mode write stored as a proposal), `replayed` (an idempotency key seen before:
 * the first result again, nothing written).
 */
export const AgentCallOutcome = z.enum(['ok', 'error', 'dry_run', 'proposed', 'replayed']);
export type AgentCallOutcome = z.infer<typeof AgentCallOutcome>;

/** What a write would change (dry run, proposal) or changed: the record and its fields before and after. */
export const AgentDiff = z
  .object({
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    /** The record's label, for people reading the diff. */
    label: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AgentDiff' });
export type AgentDiff = z.infer<typeof AgentDiff>;

/** One MCP tool call as logged (GET /api/agent/calls). Arguments are as the model sent them (redacted for `pii` keys). */
export const AgentCallView = z
  .object({
    id: Id,
    at: Instant,
    apiKeyId: z.string(),
    apiKeyName: z.string().nullable(),
    /** The MCP session (Mcp-Session-Id over HTTP; one per process over stdio). */
    sessionId: z.string().nullable(),
    tool: z.string(),
    arguments: z.unknown(),
    resultBytes: z.int().min(0),
    durationMs: z.number().min(0),
    outcome: AgentCallOutcome,
    error: z.string().nullable(),
    proposalId: z.string().nullable(),
  })
  .meta({ id: 'AgentCall' });
export type AgentCallView = z.infer<typeof AgentCallView>;

export const AgentCallListQuery = z.strictObject({
  apiKeyId: z.string().max(64).optional(),
  tool: z.string().max(64).optional(),
  outcome: AgentCallOutcome.optional(),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});
export type AgentCallListQuery = z.infer<typeof AgentCallListQuery>;

export const AgentProposalStatus = z.enum(['pending', 'approved', 'rejected']);
export type AgentProposalStatus = z.infer<typeof AgentProposalStatus>;

/** A write an approval-mode agent key asked for: nothing changed until someone approves it. */
export const AgentProposalView = z
  .object({
    id: Id,
    apiKeyId: z.string(),
    apiKeyName: z.string().nullable(),
    tool: AgentWriteToolName,
    /** The core operation approval runs (e.g. `commitments.moveStage`). */
    operation: z.string(),
    /** The tool arguments as the model sent them (placeholders for `pii` keys). */
    arguments: z.unknown(),
    /** What approval will do, side by side. */
    diff: AgentDiff,
    status: AgentProposalStatus,
    createdAt: Instant,
    decidedAt: Instant.nullable(),
    decidedBy: z.string().nullable(),
    decidedByName: z.string().nullable(),
    reason: z.string().nullable(),
    /** What the approved write returned (the record as written). */
    result: z.unknown().nullable(),
  })
  .meta({ id: 'AgentProposal' });
export type AgentProposalView = z.infer<typeof AgentProposalView>;

export const AgentProposalListQuery = z.strictObject({
  status: AgentProposalStatus.default('pending'),
  apiKeyId: z.string().max(64).optional(),
  limit: queryInt(1, 500).default(50),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});
export type AgentProposalListQuery = z.infer<typeof AgentProposalListQuery>;

export const AgentProposalRejectInput = z.strictObject({ reason: NonEmptyText(500).optional() });
export type AgentProposalRejectInput = z.infer<typeof AgentProposalRejectInput>;
