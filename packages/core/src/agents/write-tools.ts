import {
  type AgentDiff,
  type AgentWriteToolName,
  CommunicationKind,
  findNulCharacter,
  IdentityEntityType,
  LinkableEntity,
  NUL_CHARACTER_MESSAGE,
  Stage,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { commitmentOperations } from '../commitments/index.js';
import { communicationOperations } from '../communications/index.js';
import { contactOperations } from '../contacts/index.js';
import { Invalid } from '../kernel/errors.js';
import { describeIssues, execute, issuesOf, type Operation, type OperationContext } from '../kernel/operations.js';
import { organizationOperations } from '../organizations/index.js';
import { taskOperations } from '../tasks/index.js';
import { proposeMergeOperation } from './propose-merge.js';

/**
 * The MCP write tools: each names the core operation it runs, turns the tool's arguments into that
 * operation's input (which then validates it, as for every door), and says what it would change.
 * Argument schemas are deliberately loose (ids as plain strings): a `pii` key's placeholders are turned
 * back into real values before the operation's own schema checks them.
 */
export interface AgentWriteTool {
  name: AgentWriteToolName;
  description: string;
  /** The tool's arguments besides `dryRun` and `idempotencyKey`, for the MCP tool listing. */
  shape: z.ZodRawShape;
  operation: Operation;
  toInput(args: Record<string, unknown>, now: Date): unknown;
  preview(ctx: OperationContext, input: unknown): Promise<AgentDiff>;
  /**
   * Set on the record writes (move_stage, update_record) whose operation needs a permission the agent role
   * lacks: a direct key holding `agents.writeRecords` runs them with a lent role (run-write.ts), taking only
   * these arguments. Over HTTP the same key still gets 403: only this path lends.
   */
  recordWrite?: { args: readonly string[] };
}

type Plain = Record<string, unknown>;

const withoutEmpty = (value: Plain): Plain =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));

function labelOf(record: Plain): string | null {
  if (typeof record.fullName === 'string') return record.fullName;
  const organization = record.organization as { name?: unknown } | null | undefined;
  const fund = record.fund as { name?: unknown } | null | undefined;
  if (typeof organization?.name === 'string' && typeof fund?.name === 'string') return `${organization.name} · ${fund.name}`;
  if (typeof record.name === 'string') return record.name;
  if (typeof record.title === 'string') return record.title;
  return null;
}

const creation = (entityType: string, label: string | null, after: Plain): AgentDiff => ({
  action: 'create',
  entityType,
  entityId: null,
  label,
  before: null,
  after: withoutEmpty(after),
});

const ids = z.array(z.string()).max(100).optional();

const logCommunication: AgentWriteTool = {
  name: 'log_communication',
  description:
    'Log a call, meeting, email, note or text with contacts, organizations and/or commitments (source "agent"). A nextAction with nextActionDueOn also creates a follow-up task.',
  shape: {
    kind: CommunicationKind,
    occurredAt: z.string().describe('When it happened, ISO-8601 date-time'),
    subject: z.string().optional(),
    body: z.string().optional(),
    outcome: z.string().optional(),
    nextAction: z.string().optional(),
    nextActionDueOn: z.string().optional().describe('YYYY-MM-DD'),
    durationMinutes: z.number().int().optional(),
    contactIds: ids,
    organizationIds: ids,
    commitmentIds: ids,
  },
  operation: communicationOperations.create,
  toInput: (args) => ({ ...args, source: 'agent' }),
  preview: async (_ctx, input) => {
    const i = input as Plain;
    return creation('communication', (i.subject as string | undefined) ?? `${String(i.kind)} note`, i);
  },
};

const addNote: AgentWriteTool = {
  name: 'add_note',
  description: 'Add a note (a communication of kind "note") to a contact, organization or commitment.',
  shape: {
    entityType: LinkableEntity,
    entityId: z.string(),
    text: z.string(),
    occurredAt: z.string().optional().describe('When the note is about, ISO-8601 date-time (default: now)'),
  },
  operation: communicationOperations.create,
  toInput: (args, now) => {
    const key = args.entityType === 'contact' ? 'contactIds' : args.entityType === 'organization' ? 'organizationIds' : 'commitmentIds';
    return { kind: 'note', occurredAt: args.occurredAt ?? now.toISOString(), body: args.text, [key]: [args.entityId], source: 'agent' };
  },
  preview: async (_ctx, input) => creation('communication', 'Note', input as Plain),
};

const createTask: AgentWriteTool = {
  name: 'create_task',
  description: 'Create a task (a follow-up), optionally due on a date, assigned to a team member and linked to a contact, organization or commitment.',
  shape: {
    title: z.string(),
    notes: z.string().optional(),
    dueOn: z.string().optional().describe('YYYY-MM-DD'),
    assigneeId: z.string().optional(),
    entityType: LinkableEntity.optional(),
    entityId: z.string().optional(),
  },
  operation: taskOperations.create,
  toInput: (args) => args,
  preview: async (_ctx, input) => creation('task', String((input as Plain).title), input as Plain),
};

const moveStage: AgentWriteTool = {
  name: 'move_stage',
  description: 'Move a commitment to another pipeline stage (declined needs a reason; committed and closed need the committed amount, in minor units).',
  shape: { commitmentId: z.string(), stage: Stage, reason: z.string().optional(), committedAmount: z.number().int().optional() },
  operation: commitmentOperations.moveStage,
  // No committedAmount: money stays with people (an approval-mode key may propose it).
  recordWrite: { args: ['commitmentId', 'stage', 'reason'] },
  toInput: ({ commitmentId, ...move }) => ({ id: commitmentId, move }),
  preview: async (ctx, input) => {
    const { id, move } = input as { id: string; move: Plain };
    const current = (await execute(commitmentOperations.get, ctx, { id })) as unknown as Plain;
    return {
      action: 'move_stage',
      entityType: 'commitment',
      entityId: id,
      label: labelOf(current),
      before: { stage: current.stage },
      after: withoutEmpty(move),
    };
  },
};

/**
 * What update_record may change, per record type: descriptive fields only. Money, stages (move_stage),
 * owners, links, tags and custom fields stay with people.
 */
export const UPDATE_ALLOW_LIST = {
  contact: ['title', 'location', 'notes', 'preferredChannel', 'linkedinUrl'],
  organization: ['description', 'location', 'website', 'leadSource'],
  commitment: ['nextStep', 'priority', 'expectedCloseOn', 'probability'],
  task: ['title', 'notes', 'dueOn', 'status'],
} as const;
type UpdatableType = keyof typeof UPDATE_ALLOW_LIST;

const UPDATE_OPERATIONS: Record<UpdatableType, { get: Operation; update: Operation }> = {
  contact: { get: contactOperations.get, update: contactOperations.update },
  organization: { get: organizationOperations.get, update: organizationOperations.update },
  commitment: { get: commitmentOperations.get, update: commitmentOperations.update },
  task: { get: taskOperations.get, update: taskOperations.update },
};

const UpdatableType = z.enum(['contact', 'organization', 'commitment', 'task']);

/** One tool over four operations: the type picks which (see AgentWriteTool.operation below). */
const updateRecord: AgentWriteTool & { operationFor(type: UpdatableType): Operation } = {
  name: 'update_record',
  description: `Change allowed fields of a record. Allowed: ${Object.entries(UPDATE_ALLOW_LIST)
    .map(([type, fields]) => `${type}: ${fields.join(', ')}`)
    .join('; ')}.`,
  shape: {
    type: UpdatableType,
    id: z.string(),
    changes: z.record(z.string(), z.unknown()).describe('Field → new value (null clears)'),
    /** Optional optimistic concurrency: the version read before. */
    expectedVersion: z.number().int().optional(),
  },
  operation: contactOperations.update,
  // The fields themselves are held to UPDATE_ALLOW_LIST by toInput, for every key.
  recordWrite: { args: ['type', 'id', 'changes', 'expectedVersion'] },
  operationFor: (type) => UPDATE_OPERATIONS[type].update,
  toInput: (args) => {
    const type = UpdatableType.parse(args.type);
    const changes = (args.changes ?? {}) as Plain;
    const allowed: readonly string[] = UPDATE_ALLOW_LIST[type];
    const refused = Object.keys(changes).filter((field) => !allowed.includes(field));
    if (refused.length > 0) throw new Invalid(`update_record cannot change ${refused.join(', ')} of a ${type}; allowed: ${allowed.join(', ')}`);
    if (Object.keys(changes).length === 0) throw new Invalid('changes must name at least one field');
    return { id: args.id, changes, ...(args.expectedVersion === undefined ? {} : { expectedVersion: args.expectedVersion }) };
  },
  preview: async () => {
    throw new Error('update_record previews through previewUpdate');
  },
};

async function previewUpdate(ctx: OperationContext, type: UpdatableType, input: { id: string; changes: Plain }): Promise<AgentDiff> {
  const current = (await execute(UPDATE_OPERATIONS[type].get, ctx, { id: input.id })) as Plain;
  const before = Object.fromEntries(Object.keys(input.changes).map((field) => [field, current[field] ?? null]));
  return { action: 'update', entityType: type, entityId: input.id, label: labelOf(current), before, after: input.changes };
}

const proposeMergeTool: AgentWriteTool = {
  name: 'propose_merge',
  description: 'Suggest that two contacts (or two organizations) are the same: opens a merge suggestion for a person to review. Never merges.',
  shape: { entityType: IdentityEntityType, a: z.string(), b: z.string(), reason: z.string() },
  operation: proposeMergeOperation,
  toInput: (args) => args,
  preview: async (_ctx, input) => {
    const i = input as Plain;
    return { action: 'suggest_merge', entityType: String(i.entityType), entityId: String(i.a), label: null, before: null, after: withoutEmpty(i) };
  },
};

export const AGENT_WRITE_TOOLS: readonly AgentWriteTool[] = [logCommunication, addNote, createTask, moveStage, updateRecord, proposeMergeTool];

/** A write tool's call resolved: the operation to run, its validated input, and what it would change. */
export interface PreparedWrite {
  tool: AgentWriteTool;
  operation: Operation;
  input: unknown;
}

/** Turn tool arguments into a validated operation input (the operation's own schema: same rules as every door). */
export function prepareWrite(tool: AgentWriteTool, args: Record<string, unknown>, now: Date): PreparedWrite {
  const raw = tool.toInput(args, now);
  const operation = tool === updateRecord ? updateRecord.operationFor(UpdatableType.parse(args.type)) : tool.operation;
  const nulAt = findNulCharacter(raw);
  if (nulAt) throw new Invalid(describeIssues([{ path: nulAt, message: NUL_CHARACTER_MESSAGE }]));
  const parsed = operation.input.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new Invalid(describeIssues(issues), { issues });
  }
  return { tool, operation, input: parsed.data };
}

export function previewWrite(ctx: OperationContext, prepared: PreparedWrite, args: Record<string, unknown>): Promise<AgentDiff> {
  if (prepared.tool === updateRecord) return previewUpdate(ctx, UpdatableType.parse(args.type), prepared.input as { id: string; changes: Plain });
  return prepared.tool.preview(ctx, prepared.input);
}

/** Operations a proposal may run, by name: only those the write tools use. */
export const PROPOSABLE_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [...AGENT_WRITE_TOOLS.map((t) => t.operation), ...Object.values(UPDATE_OPERATIONS).map((o) => o.update)].map((op) => [op.name, op]),
);
