import { AutomationEntityType } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import type { Subscriber } from '../kernel/dispatcher.js';
import type { DomainEvent } from '../kernel/outbox.js';
import { applyRule, triggerMatches } from './engine.js';
import { chainOf, enabledRules } from './store.js';

export const AUTOMATIONS_SUBSCRIBER = 'automations';

/**
 * Event-triggered rules, run on every committed change (from any door or process) after it commits.
 * Loop protection: a rule never fires on its own change; a change made by a rule carries the chain
 * depth in its request id, and at AUTOMATION_MAX_DEPTH the next rule records a skipped run instead.
 */
export async function runRulesFor(core: CoreContext, events: DomainEvent[]): Promise<void> {
  const relevant = events.filter((event) => event.entityId && AutomationEntityType.safeParse(event.entityType).success);
  if (relevant.length === 0) return;
  const rules = (await enabledRules(core.db)).filter((rule) => rule.trigger.type !== 'schedule');
  if (rules.length === 0) return;
  for (const event of relevant) {
    for (const rule of rules) {
      if (!triggerMatches(rule.trigger, event)) continue;
      if (event.actor.kind === 'automation' && event.actor.id === rule.id) continue;
      // Delivery runs after commit, maybe much later: a change made before the rule was enabled is not its business.
      if (rule.row.armedAt && event.at < rule.row.armedAt) continue;
      const entityType = AutomationEntityType.parse(event.entityType);
      await applyRule(core, rule, entityType, event.entityId as string, event.id, chainOf(event.actor, event.id), { recordNothingToChange: true });
    }
  }
}

/** Starts at the present: rules do not replay history when first installed. */
export function automationsSubscriber(core: CoreContext): Subscriber {
  return { name: AUTOMATIONS_SUBSCRIBER, from: 'now', batchSize: 100, handleBatch: (events) => runRulesFor(core, events) };
}
