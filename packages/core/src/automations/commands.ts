import type { Automation, AutomationAction, AutomationCreateInput, AutomationTrigger, AutomationUpdateInput } from '@lpdesk/contracts';
import type { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { parseCron } from '../jobs/schedule.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { fieldError, NotFound, PreconditionFailed } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { diffRecords, type WriteScope, write } from '../kernel/write.js';
import { customFieldKey, customFieldKeys, setFieldChanges, settableFields } from './actions.js';
import { presentAutomation } from './store.js';

const TAGGABLE = new Set(['organization', 'contact', 'commitment']);

/**
 * What the contracts cannot check alone, with a message that names the part of the rule at fault:
 * fields that exist on the entity (custom fields included), actions that make sense for it, a cron
 * expression that parses.
 */
export async function validateRule(db: Db, trigger: AutomationTrigger, actions: AutomationAction[]): Promise<void> {
  const { entityType } = trigger;
  const customKeys = await customFieldKeys(db, entityType);
  const settable = new Set(settableFields(entityType));
  const knownField = (field: string) => {
    const key = customFieldKey(field);
    return key ? customKeys.has(key) : settable.has(field);
  };
  const fieldHint = () => `${[...settable].join(', ')}${customKeys.size ? `, ${[...customKeys].map((k) => `customFields.${k}`).join(', ')}` : ''}`;
  if (trigger.type === 'schedule' && trigger.cron) {
    try {
      parseCron(trigger.cron);
    } catch (error) {
      throw fieldError('trigger.cron', (error as Error).message);
    }
  }
  if (trigger.type === 'field_changed' && trigger.field && trigger.field !== 'tags' && !knownField(trigger.field)) {
    throw fieldError('trigger.field', `${entityType} has no field "${trigger.field}" (fields: tags, ${fieldHint()})`);
  }
  if (trigger.type !== 'field_changed' && trigger.type !== 'stage_changed' && trigger.to !== undefined)
    throw fieldError('trigger.to', `only field_changed and stage_changed triggers take "to"`);
  if (trigger.type !== 'field_changed' && trigger.field !== undefined) throw fieldError('trigger.field', 'only field_changed triggers take a field');
  if (trigger.type !== 'schedule' && trigger.cron !== undefined) throw fieldError('trigger.cron', 'only schedule triggers take a cron expression');
  actions.forEach((action, index) => {
    const path = `actions.${index}`;
    switch (action.type) {
      case 'set_field':
        if (!knownField(action.field))
          throw fieldError(`${path}.field`, `${entityType} has no field "${action.field}" that a rule can set (fields: ${fieldHint()})`);
        if (!customFieldKey(action.field)) setFieldChanges(entityType, action.field, action.value);
        return;
      case 'add_tag':
      case 'remove_tag':
        if (!TAGGABLE.has(entityType)) throw fieldError(`${path}.type`, `${entityType} records cannot be tagged`);
        return;
      case 'create_task':
        if (!TAGGABLE.has(entityType)) throw fieldError(`${path}.type`, 'tasks can be created on organizations, contacts and commitments only');
        return;
      case 'move_stage':
        if (entityType !== 'commitment') throw fieldError(`${path}.type`, 'move_stage acts on commitments only');
        return;
    }
  });
}

const SNAPSHOT_IGNORE = ['updatedAt', 'version', 'lastRunAt'];

export async function createAutomation(core: CoreContext, actor: Actor, input: z.output<typeof AutomationCreateInput>): Promise<Automation> {
  await validateRule(core.db, input.trigger, input.actions);
  return write(core, actor, async (scope) => {
    const row: Row<'automations'> = {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      enabled: input.enabled ? 1 : 0,
      triggerJson: JSON.stringify(input.trigger),
      conditionJson: input.condition ? JSON.stringify(input.condition) : null,
      actionsJson: JSON.stringify(input.actions),
      example: 0,
      lastRunAt: null,
      armedAt: scope.now,
      scheduledThrough: scope.now,
      version: 1,
      createdAt: scope.now,
      updatedAt: scope.now,
      createdBy: scope.actor.id,
      updatedBy: scope.actor.id,
      deletedAt: null,
      deletedBy: null,
    };
    await scope.tx.insertInto('automations').values(row).execute();
    const view = presentAutomation(row);
    await scope.log({ action: 'create', entityType: 'automation', entityId: row.id, version: 1, diff: { after: snapshot(view) } });
    return view;
  });
}

function snapshot(view: Automation) {
  const { createdAt: _c, updatedAt: _u, lastRunAt: _l, ...rest } = view;
  return rest;
}

/** Take the rule's next version (and on PostgreSQL its row lock), as claimRow does for records. */
async function claimAutomation(scope: WriteScope, id: string, expectedVersion?: number): Promise<Row<'automations'>> {
  const claimed = await scope.tx
    .updateTable('automations')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) throw new NotFound('Automation', id);
  const before = { ...claimed, version: claimed.version - 1 };
  if (expectedVersion !== undefined && expectedVersion !== before.version)
    throw new PreconditionFailed('Automation', expectedVersion, presentAutomation(before));
  return before;
}

export async function updateAutomation(
  core: CoreContext,
  actor: Actor,
  id: string,
  changes: z.output<typeof AutomationUpdateInput>,
  expectedVersion?: number,
): Promise<Automation> {
  const current = await core.db.selectFrom('automations').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!current) throw new NotFound('Automation', id);
  const currentView = presentAutomation(current);
  await validateRule(core.db, changes.trigger ?? currentView.trigger, changes.actions ?? currentView.actions);
  return write(core, actor, async (scope) => {
    const before = await claimAutomation(scope, id, expectedVersion);
    // A rule counts from when it was (re)armed: enabling it does not replay the events or slots it missed while off.
    const rearmed = changes.trigger !== undefined || (changes.enabled === true && before.enabled === 0);
    await scope.tx
      .updateTable('automations')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
        ...(changes.trigger !== undefined ? { triggerJson: JSON.stringify(changes.trigger) } : {}),
        ...(changes.condition !== undefined ? { conditionJson: changes.condition ? JSON.stringify(changes.condition) : null } : {}),
        ...(changes.actions !== undefined ? { actionsJson: JSON.stringify(changes.actions) } : {}),
        ...(rearmed ? { armedAt: scope.now, scheduledThrough: scope.now } : {}),
        updatedAt: scope.now,
        updatedBy: scope.actor.id,
      })
      .where('id', '=', id)
      .execute();
    const after = await scope.tx.selectFrom('automations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const view = presentAutomation(after);
    const diff = diffRecords(snapshot(presentAutomation(before)), snapshot(view), SNAPSHOT_IGNORE);
    await scope.log({ action: 'update', entityType: 'automation', entityId: id, version: after.version, diff });
    return view;
  });
}

export function deleteAutomation(core: CoreContext, actor: Actor, id: string): Promise<void> {
  return write(core, actor, async (scope) => {
    const before = await claimAutomation(scope, id);
    await scope.tx
      .updateTable('automations')
      .set({ deletedAt: scope.now, deletedBy: scope.actor.id, updatedAt: scope.now, updatedBy: scope.actor.id })
      .where('id', '=', id)
      .execute();
    await scope.log({
      action: 'delete',
      entityType: 'automation',
      entityId: id,
      version: before.version + 1,
      diff: { before: { deletedAt: null }, after: { deletedAt: scope.now } },
    });
  });
}
