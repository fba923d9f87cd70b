import { AUTOMATION_MAX_DEPTH, type AutomationEntityType, type AutomationTrigger, matchesFilter } from '@lpdesk/contracts';
import { describeError } from '../kernel/background.js';
import { type CoreContext, today } from '../kernel/context.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { write } from '../kernel/write.js';
import { planAction } from './actions.js';
import { automationActor, hasRun, insertRun, type Rule, type RunChange } from './store.js';
import { allSubjects, loadSubject } from './subject.js';

export type RunStatus = 'applied' | 'skipped' | 'failed' | 'none';

export interface Chain {
  /** How many rule changes led here: 0 for a person's change or a schedule. */
  depth: number;
  /** The request that started the chain, kept through every rule's change for the activity log. */
  origin: string;
}

export interface ApplyOptions {
  /** Record a 'skipped' run when the condition held but every action was already satisfied. */
  recordNothingToChange: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function sideOf(diff: DomainEvent['diff'], side: 'before' | 'after'): Record<string, unknown> {
  const value = diff[side];
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** Whether an event's diff changed a field (as the API names it, or `customFields.<key>`), and to what. */
function changedField(event: DomainEvent, field: string): { changed: boolean; to: unknown } {
  if (field === 'tags' && (event.action === 'tag' || event.action === 'untag')) return { changed: true, to: undefined };
  const before = sideOf(event.diff, 'before');
  const after = sideOf(event.diff, 'after');
  const custom = /^customFields\.(.+)$/.exec(field)?.[1];
  if (custom) {
    const was = (before.customFields as Record<string, unknown> | undefined)?.[custom];
    const now = (after.customFields as Record<string, unknown> | undefined)?.[custom];
    return { changed: Object.hasOwn(after, 'customFields') && !same(was, now), to: now };
  }
  return { changed: Object.hasOwn(after, field), to: after[field] };
}

const UPDATE_ACTIONS = new Set(['update', 'stage_change', 'tag', 'untag']);

/** Whether an event sets off a rule's trigger (schedule triggers are never set off by events). */
export function triggerMatches(trigger: AutomationTrigger, event: DomainEvent): boolean {
  if (event.entityType !== trigger.entityType || !event.entityId) return false;
  switch (trigger.type) {
    case 'created':
      return event.action === 'create';
    case 'updated':
      return UPDATE_ACTIONS.has(event.action);
    case 'field_changed': {
      if (!UPDATE_ACTIONS.has(event.action) || !trigger.field) return false;
      const { changed, to } = changedField(event, trigger.field);
      return changed && (trigger.to === undefined || same(to, trigger.to));
    }
    case 'stage_changed':
      return event.action === 'stage_change' && (trigger.to === undefined || sideOf(event.diff, 'after').stage === trigger.to);
    case 'schedule':
      return false;
  }
}

/**
 * Apply one rule to one record in one transaction: re-read the record, check the condition, run each
 * action through the ordinary commands (as the rule's actor, so the activity log names the rule), and
 * record the run. An action that would change nothing is skipped without a write, so it sets nothing off.
 * A failure rolls the whole application back and is recorded as a failed run.
 */
export async function applyRule(
  core: CoreContext,
  rule: Rule,
  entityType: AutomationEntityType,
  entityId: string,
  cause: string,
  chain: Chain,
  options: ApplyOptions,
): Promise<RunStatus> {
  const base = { automationId: rule.id, cause, entityType, entityId, depth: chain.depth };
  if (await hasRun(core.db, rule.id, cause, entityId)) return 'none';
  if (chain.depth >= AUTOMATION_MAX_DEPTH) {
    await insertRun(core.db, {
      ...base,
      at: core.clock.now().toISOString(),
      status: 'skipped',
      reason: `depth limit: ${AUTOMATION_MAX_DEPTH} rules in a chain already changed this`,
      changes: [],
    });
    return 'skipped';
  }
  const actor = automationActor(rule, chain.depth, chain.origin);
  try {
    return await write(core, actor, async (scope): Promise<RunStatus> => {
      const day = today(core);
      let subject = await loadSubject(scope.tx, entityType, entityId, core.settings.timeZone);
      if (!subject || !matchesFilter(subject, rule.condition, { today: day })) return 'none';
      const changes: RunChange[] = [];
      for (const action of rule.actions) {
        const planned = planAction(entityType, subject, action, { today: day, ruleName: rule.name });
        if (!planned) continue;
        await planned.apply(scope);
        changes.push({ action: planned.action, summary: planned.summary });
        // The next action plans against the record as this one left it.
        subject = (await loadSubject(scope.tx, entityType, entityId, core.settings.timeZone)) ?? subject;
      }
      if (changes.length === 0 && !options.recordNothingToChange) return 'none';
      const status = changes.length === 0 ? 'skipped' : 'applied';
      await insertRun(scope.tx, { ...base, at: scope.now, status, reason: changes.length === 0 ? 'nothing to change' : null, changes });
      return status;
    });
  } catch (error) {
    await insertRun(core.db, { ...base, at: core.clock.now().toISOString(), status: 'failed', reason: describeError(error), changes: [] });
    return 'failed';
  }
}

export interface BulkResult {
  matched: number;
  applied: number;
  skipped: number;
  failed: number;
}

/** Apply a rule to every live record of its entity type that matches its condition (schedule runs, run now). */
export async function applyToAll(core: CoreContext, rule: Rule, cause: string): Promise<BulkResult> {
  const result: BulkResult = { matched: 0, applied: 0, skipped: 0, failed: 0 };
  const day = today(core);
  const { entityType } = rule.trigger;
  for await (const page of allSubjects(core.db, entityType, core.settings.timeZone)) {
    for (const subject of page) {
      if (!matchesFilter(subject, rule.condition, { today: day })) continue;
      result.matched++;
      const status = await applyRule(core, rule, entityType, subject.id, cause, { depth: 0, origin: cause }, { recordNothingToChange: false });
      if (status === 'applied' || status === 'skipped' || status === 'failed') result[status]++;
    }
  }
  return result;
}
