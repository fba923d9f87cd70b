import { type Door, findNulCharacter, NUL_CHARACTER_MESSAGE } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Actor } from './actor.js';
import type { CoreContext } from './context.js';
import { Forbidden, Invalid } from './errors.js';
import { authorize, type Permission } from './permissions.js';

export interface OperationContext {
  core: CoreContext;
  actor: Actor;
}

/**
 * A named domain operation: its input and output schemas and the permission it needs. HTTP routes,
 * CLI commands and MCP tools are adapters over these; none of them holds domain logic.
 */
export interface Operation<Schema extends z.ZodType = z.ZodType, Output = unknown> {
  name: string;
  summary: string;
  /** `null`: any signed-in actor may call it (e.g. reading one's own profile). */
  permission: Permission | null;
  /** Doors that may call it (default: every door), e.g. purging the trash is for the CLI only. */
  doors?: readonly Door[];
  input: Schema;
  /**
   * What `run` resolves to, as a contracts schema. The OpenAPI document and the contract tests read
   * it; it is not parsed at runtime, so presenting a record costs nothing extra. The type checker
   * holds `run` to it.
   */
  output: z.ZodType<Output>;
  run(ctx: OperationContext, input: z.output<Schema>): Promise<Output>;
}

export function defineOperation<Schema extends z.ZodType, OutputSchema extends z.ZodType>(
  operation: Omit<Operation<Schema, z.output<OutputSchema>>, 'output'> & { output: OutputSchema },
): Operation<Schema, z.output<OutputSchema>> {
  // Every zod schema is a ZodType of its own output; TypeScript cannot see that through the generic.
  return operation as Operation<Schema, z.output<OutputSchema>>;
}

/** Run with input already validated at the door (HTTP validates params, query and body separately). */
export async function execute<Schema extends z.ZodType, Output>(
  operation: Operation<Schema, Output>,
  ctx: OperationContext,
  input: z.output<Schema>,
): Promise<Output> {
  if (operation.doors && !operation.doors.includes(ctx.actor.door)) {
    throw new Forbidden(`${operation.name} is not available through the ${ctx.actor.door} door (only ${operation.doors.join(', ')})`);
  }
  if (operation.permission) authorize(ctx.actor, operation.permission);
  return operation.run(ctx, input);
}

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

export function issuesOf(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
  }));
}

export function describeIssues(issues: ValidationIssue[]): string {
  return issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** Validate raw input (from the CLI or an MCP tool call), then run. */
export async function invoke<Schema extends z.ZodType, Output>(
  operation: Operation<Schema, Output>,
  ctx: OperationContext,
  raw: unknown,
): Promise<Output> {
  const nulAt = findNulCharacter(raw);
  if (nulAt) {
    const issues = [{ path: nulAt, message: NUL_CHARACTER_MESSAGE }];
    throw new Invalid(describeIssues(issues), { issues });
  }
  const parsed = operation.input.safeParse(raw);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new Invalid(describeIssues(issues), { issues });
  }
  return execute(operation, ctx, parsed.data);
}
