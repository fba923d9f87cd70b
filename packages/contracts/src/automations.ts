import { z } from 'zod';
import { Id, Instant, ListQueryBase, NonEmptyText } from './common.js';
import { Stage } from './commitments.js';
import { FilterCondition, FilterGroup } from './filters.js';

/** What a rule watches. */
export const AutomationEntityType = z.enum(['organization', 'contact', 'commitment', 'task']);
export type AutomationEntityType = z.infer<typeof AutomationEntityType>;

export const AutomationTrigger = z
  .strictObject({
    type: z.enum(['created', 'updated', 'field_changed', 'stage_changed', 'schedule']),
    entityType: AutomationEntityType,
    /** field_changed: which field (as the API names it, or `customFields.<key>`). */
    field: z.string().min(1).max(120).optional(),
    /** stage_changed: only moves into this stage; field_changed: only changes to this value. */
    to: z.union([z.string().max(200), z.number(), z.boolean(), z.null()]).optional(),
    /** schedule: a 5-field cron expression in the team's time zone; each run checks every record of entityType. */
    cron: z.string().min(9).max(100).optional(),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.type === 'field_changed' && !trigger.field) ctx.addIssue({ code: 'custom', path: ['field'], message: 'field_changed needs a field' });
    if (trigger.type === 'schedule' && !trigger.cron) ctx.addIssue({ code: 'custom', path: ['cron'], message: 'schedule needs a cron expression' });
    if (trigger.type === 'stage_changed' && trigger.entityType !== 'commitment') ctx.addIssue({ code: 'custom', path: ['entityType'], message: 'stage_changed watches commitments' });
    if (trigger.type === 'stage_changed' && trigger.to !== undefined && !Stage.safeParse(trigger.to).success) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be a stage' });
  })
  .meta({ id: 'AutomationTrigger' });
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;

const actionVariants = <Due extends z.ZodType>(dueInDays: Due) =>
  [
    z.strictObject({ type: z.literal('set_field'), field: z.string().min(1).max(120), value: z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100), z.null()]) }),
    z.strictObject({ type: z.literal('add_tag'), tag: NonEmptyText(50) }),
    z.strictObject({ type: z.literal('remove_tag'), tag: NonEmptyText(50) }),
    z.strictObject({ type: z.literal('create_task'), title: NonEmptyText(200), dueInDays }),
    z.strictObject({ type: z.literal('move_stage'), stage: Stage }),
  ] as const;

export const AutomationAction = z.discriminatedUnion('type', actionVariants(z.int().min(0).max(3650).default(0))).meta({ id: 'AutomationAction' });
export type AutomationAction = z.infer<typeof AutomationAction>;

export const AutomationCreateInput = z.strictObject({
  name: NonEmptyText(100),
  description: z.string().max(1000).nullable().optional(),
  enabled: z.boolean().default(false),
  trigger: AutomationTrigger,
  condition: FilterGroup.nullable().optional(),
  actions: z.array(AutomationAction).min(1).max(20),
});
export type AutomationCreateInput = z.infer<typeof AutomationCreateInput>;

export const AutomationUpdateInput = z
  .strictObject({
    name: NonEmptyText(100),
    description: z.string().max(1000).nullable(),
    enabled: z.boolean(),
    trigger: AutomationTrigger,
    condition: FilterGroup.nullable(),
    actions: z.array(AutomationAction).min(1).max(20),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { error: 'nothing to change' });
export type AutomationUpdateInput = z.infer<typeof AutomationUpdateInput>;

/**
 * As a rule is presented: the same shapes with every default filled in. Named apart from the inputs
 * because the OpenAPI document describes an input (where defaults make fields optional) and an output
 * under different names.
 */
const AutomationActionView = z.discriminatedUnion('type', actionVariants(z.int().min(0).max(3650))).meta({ id: 'AutomationActionView' });
const FilterGroupView = z.object({ match: z.enum(['all', 'any']), conditions: z.array(FilterCondition) }).meta({ id: 'FilterGroupView' });

export const AutomationView = z
  .object({
    id: Id,
    version: z.int().min(1),
    name: z.string(),
    description: z.string().nullable(),
    enabled: z.boolean(),
    trigger: AutomationTrigger,
    condition: FilterGroupView.nullable(),
    actions: z.array(AutomationActionView),
    /** Shipped example (from the legacy tool's hard-coded flags). */
    example: z.boolean(),
    lastRunAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Automation' });
export type Automation = z.infer<typeof AutomationView>;

export const AutomationRunView = z
  .object({
    id: Id,
    automationId: Id,
    at: Instant,
    /** What set it off: an event id, or `schedule` / `manual`. */
    cause: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    status: z.enum(['applied', 'skipped', 'failed']),
    /** Why it was skipped or failed (condition false, loop protection, depth limit, error). */
    reason: z.string().nullable(),
    /** What the actions changed, as a person reads it. */
    changes: z.array(z.object({ action: z.string(), summary: z.string() })),
    depth: z.int().min(0),
  })
  .meta({ id: 'AutomationRun' });
export type AutomationRun = z.infer<typeof AutomationRunView>;

export const AutomationDryRunView = z
  .object({
    /** Entity ids the condition matches now. */
    matches: z.array(Id),
    /** What the actions would do to each of the first matches, without doing it. */
    preview: z.array(z.object({ entityId: Id, name: z.string().nullable(), changes: z.array(z.string()) })),
  })
  .meta({ id: 'AutomationDryRun' });
export type AutomationDryRun = z.infer<typeof AutomationDryRunView>;

/** Rules that fire rules: deeper chains stop here and the run records why. */
export const AUTOMATION_MAX_DEPTH = 5;

export const AutomationListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  /** Only rules whose trigger watches this entity type. */
  entityType: AutomationEntityType.optional(),
});
export type AutomationListQuery = z.infer<typeof AutomationListQuery>;

export const AutomationRunListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  status: z.enum(['applied', 'skipped', 'failed']).optional(),
});
export type AutomationRunListQuery = z.infer<typeof AutomationRunListQuery>;

/** What "run now" did: records the condition matched, and how each application ended. */
export const AutomationRunNowView = z
  .object({ matched: z.int().min(0), applied: z.int().min(0), skipped: z.int().min(0), failed: z.int().min(0) })
  .meta({ id: 'AutomationRunNow' });
export type AutomationRunNow = z.infer<typeof AutomationRunNowView>;
