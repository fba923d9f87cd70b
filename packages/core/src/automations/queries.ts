import {
  type Automation,
  type AutomationDryRun,
  type AutomationListQuery,
  type AutomationRun,
  type AutomationRunListQuery,
  type AutomationRunNow,
  matchesFilter,
} from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { planAction } from './actions.js';
import { applyToAll } from './engine.js';
import { presentAutomation, presentRun, type Rule, ruleOf } from './store.js';
import { allSubjects, subjectName } from './subject.js';

async function findAutomation(core: CoreContext, id: string): Promise<Rule> {
  const row = await core.db.selectFrom('automations').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new NotFound('Automation', id);
  return ruleOf(row);
}

export async function listAutomations(core: CoreContext, query: AutomationListQuery) {
  const rows = await core.db.selectFrom('automations').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute();
  const views = rows.map(presentAutomation).filter((view) => !query.entityType || view.trigger.entityType === query.entityType);
  return { data: views.slice(query.offset, query.offset + query.limit), total: views.length, limit: query.limit, offset: query.offset };
}

export async function getAutomation(core: CoreContext, id: string): Promise<Automation> {
  return presentAutomation((await findAutomation(core, id)).row);
}

export async function listAutomationRuns(core: CoreContext, id: string, query: AutomationRunListQuery) {
  await findAutomation(core, id);
  let base = core.db.selectFrom('automationRuns').where('automationId', '=', id);
  if (query.status) base = base.where('status', '=', query.status);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  const data: AutomationRun[] = rows.map(presentRun);
  return { data, total: Number(total), limit: query.limit, offset: query.offset };
}

const PREVIEW_LIMIT = 20;

/** Which live records the condition matches now, and what the actions would do to the first 20; writes nothing. */
export async function dryRunAutomation(core: CoreContext, id: string): Promise<AutomationDryRun> {
  const rule = await findAutomation(core, id);
  const day = today(core);
  const { entityType } = rule.trigger;
  const matches: string[] = [];
  const preview: AutomationDryRun['preview'] = [];
  for await (const page of allSubjects(core.db, entityType, core.settings.timeZone)) {
    for (const subject of page) {
      if (!matchesFilter(subject, rule.condition, { today: day })) continue;
      matches.push(subject.id);
      if (preview.length >= PREVIEW_LIMIT) continue;
      const changes = rule.actions.flatMap((action) => planAction(entityType, subject, action, { today: day, ruleName: rule.name })?.summary ?? []);
      preview.push({ entityId: subject.id, name: subjectName(entityType, subject), changes });
    }
  }
  return { matches, preview };
}

/** Apply the rule now to every record its condition matches (a schedule rule's run, on demand). */
export async function runAutomationNow(core: CoreContext, _actor: Actor, id: string): Promise<AutomationRunNow> {
  const rule = await findAutomation(core, id);
  return applyToAll(core, rule, `manual:${newId()}`);
}
