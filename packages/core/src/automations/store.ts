import { type Automation, AutomationAction, type AutomationRun, AutomationTrigger, FilterGroup } from '@lpdesk/contracts';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { newId } from '../kernel/ids.js';
import type { Tx } from '../kernel/write.js';

/** A stored rule with its JSON parsed (and checked: a row that no longer parses is skipped, not run). */
export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  trigger: AutomationTrigger;
  condition: FilterGroup | null;
  actions: AutomationAction[];
  row: Row<'automations'>;
}

const Actions = z.array(AutomationAction);

export function ruleOf(row: Row<'automations'>): Rule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    trigger: AutomationTrigger.parse(JSON.parse(row.triggerJson)),
    condition: row.conditionJson ? FilterGroup.parse(JSON.parse(row.conditionJson)) : null,
    actions: Actions.parse(JSON.parse(row.actionsJson)),
    row,
  };
}

export function presentAutomation(row: Row<'automations'>): Automation {
  const rule = ruleOf(row);
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    description: row.description,
    enabled: rule.enabled,
    trigger: rule.trigger,
    condition: rule.condition,
    actions: rule.actions,
    example: row.example === 1,
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface RunChange {
  action: string;
  summary: string;
}

export function presentRun(row: Row<'automationRuns'>): AutomationRun {
  return {
    id: row.id,
    automationId: row.automationId,
    at: row.at,
    cause: row.cause,
    entityType: row.entityType,
    entityId: row.entityId,
    status: row.status as AutomationRun['status'],
    reason: row.reason,
    changes: JSON.parse(row.changesJson) as RunChange[],
    depth: Number(row.depth),
  };
}

/** Enabled, live rules, oldest first (a stable order: rules fire in the order they were made). */
export async function enabledRules(db: Db | Tx): Promise<Rule[]> {
  const rows = await db
    .selectFrom('automations')
    .selectAll()
    .where('enabled', '=', 1)
    .where('deletedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const rules: Rule[] = [];
  for (const row of rows) {
    try {
      rules.push(ruleOf(row));
    } catch {
      // A rule stored under an older contract that no longer parses is left alone rather than run half-understood.
    }
  }
  return rules;
}

export interface NewRun {
  automationId: string;
  cause: string;
  entityType: string;
  entityId: string | null;
  status: AutomationRun['status'];
  reason: string | null;
  changes: RunChange[];
  depth: number;
  at: string;
}

/** Record a run; a second run for the same rule, cause and record is dropped (see the unique index). */
export async function insertRun(db: Db | Tx, run: NewRun): Promise<void> {
  await db
    .insertInto('automationRuns')
    .values({
      id: newId(),
      automationId: run.automationId,
      at: run.at,
      cause: run.cause,
      entityType: run.entityType,
      entityId: run.entityId,
      status: run.status,
      reason: run.reason,
      changesJson: JSON.stringify(run.changes),
      depth: run.depth,
    })
    .onConflict((oc) => oc.columns(['automationId', 'cause', 'entityId']).doNothing())
    .execute();
  await db.updateTable('automations').set({ lastRunAt: run.at }).where('id', '=', run.automationId).execute();
}

export async function hasRun(db: Db | Tx, automationId: string, cause: string, entityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('automationRuns')
    .select('id')
    .where('automationId', '=', automationId)
    .where('cause', '=', cause)
    .where('entityId', '=', entityId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Rules act as themselves: the activity log shows actorKind `automation` and the rule's id. The request
 * id carries the chain depth and the request that started the chain, `automation:<depth>:<origin>`, so
 * a change made by a rule tells the next rule how deep the chain already is.
 */
export function automationActor(rule: Pick<Rule, 'id' | 'name'>, depth: number, origin: string): Actor {
  return { kind: 'automation', id: rule.id, name: rule.name, role: 'admin', userId: null, door: 'job', requestId: `automation:${depth}:${origin}` };
}

const CHAIN = /^automation:(\d+):(.*)$/;

/** The depth a rule fired by this actor's change runs at, and the origin of the chain. */
export function chainOf(actor: { kind: string; requestId: string | null }, fallbackOrigin: string): { depth: number; origin: string } {
  const match = actor.kind === 'automation' && actor.requestId ? CHAIN.exec(actor.requestId) : null;
  if (match) return { depth: Number(match[1]) + 1, origin: match[2] || fallbackOrigin };
  return { depth: 0, origin: actor.requestId ?? fallbackOrigin };
}
