import { type AutomationAction, type AutomationEntityType, fieldValue, type TagRef } from '@lpdesk/contracts';
import { BATCH_TARGETS } from '../batch/targets.js';
import { moveStageIn } from '../commitments/commands.js';
import type { Db } from '../db/connect.js';
import { Conflict, fieldError } from '../kernel/errors.js';
import type { Tx, WriteScope } from '../kernel/write.js';
import { applyTagIn, createTagIn } from '../tags/commands.js';
import { createTaskIn } from '../tasks/commands.js';
import type { Subject } from './subject.js';

/** What one action would do to one record, and how to do it; null when it would change nothing. */
export interface PlannedChange {
  action: AutomationAction['type'];
  summary: string;
  apply(scope: WriteScope): Promise<void>;
}

/** Fields a set_field action may write: the entity's update input, less what other actions cover. */
const NOT_SETTABLE = new Set(['tagIds', 'customFields', 'allowDuplicateName']);

export function settableFields(entityType: AutomationEntityType): string[] {
  return Object.keys(BATCH_TARGETS[entityType].changes.shape).filter((key) => !NOT_SETTABLE.has(key));
}

const CUSTOM = /^customFields\.([a-z][a-z0-9_]*)$/;

export function customFieldKey(field: string): string | null {
  return CUSTOM.exec(field)?.[1] ?? null;
}

/** The update input a set_field action stands for, checked against the entity's own update schema. */
export function setFieldChanges(entityType: AutomationEntityType, field: string, value: unknown): Record<string, unknown> {
  const key = customFieldKey(field);
  const raw = key ? { customFields: { [key]: value } } : { [field]: value };
  const parsed = BATCH_TARGETS[entityType].changes.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw fieldError(field, issue?.message ?? 'is not a valid value');
  }
  return parsed.data as Record<string, unknown>;
}

const display = (value: unknown) =>
  value === null || value === undefined || value === '' ? '(empty)' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function tagIdFor(scope: WriteScope, name: string): Promise<string> {
  const existing = await scope.tx.selectFrom('tags').select(['id', 'deletedAt']).where('nameNormalized', '=', name.trim().toLowerCase()).executeTakeFirst();
  if (existing?.deletedAt) throw new Conflict(`The tag "${name}" is in the trash; restore it for this rule to apply it`);
  if (existing) return existing.id;
  return (await createTagIn(scope, { name: name.trim(), color: '#64748b' })).id;
}

const hasTag = (subject: Subject, name: string) =>
  ((subject.tags as TagRef[] | undefined) ?? []).some((tag) => tag.name.trim().toLowerCase() === name.trim().toLowerCase());

/** Plan one action against a record as it is now. Needs no transaction: a dry run plans without applying. */
export function planAction(
  entityType: AutomationEntityType,
  subject: Subject,
  action: AutomationAction,
  context: { today: string; ruleName: string },
): PlannedChange | null {
  const id = subject.id;
  switch (action.type) {
    case 'set_field': {
      const current = fieldValue(subject, action.field);
      if (same(current, action.value)) return null;
      return {
        action: action.type,
        summary: `${action.field}: ${display(current)} → ${display(action.value)}`,
        apply: async (scope) => {
          await BATCH_TARGETS[entityType].update(scope, id, setFieldChanges(entityType, action.field, action.value));
        },
      };
    }
    case 'add_tag':
    case 'remove_tag': {
      const remove = action.type === 'remove_tag';
      if (hasTag(subject, action.tag) !== remove) return null;
      return {
        action: action.type,
        summary: `${remove ? 'removed' : 'added'} tag "${action.tag}"`,
        apply: async (scope) => {
          const tagId = await tagIdFor(scope, action.tag);
          await applyTagIn(scope, tagId, { entityType: entityType as 'organization', entityIds: [id], remove });
        },
      };
    }
    case 'create_task': {
      const dueOn = addDays(context.today, action.dueInDays);
      const ownerId = typeof subject.ownerId === 'string' ? subject.ownerId : null;
      return {
        action: action.type,
        summary: `created task "${action.title}" due ${dueOn}${ownerId ? ' for the owner' : ''}`,
        apply: async (scope) => {
          await createTaskIn(scope, {
            title: action.title,
            status: 'open',
            dueOn,
            assigneeId: ownerId,
            entityType: entityType as 'organization',
            entityId: id,
          });
        },
      };
    }
    case 'move_stage': {
      if (subject.stage === action.stage) return null;
      return {
        action: action.type,
        summary: `stage: ${display(subject.stage)} → "${action.stage}"`,
        apply: async (scope) => {
          await moveStageIn(scope, id, { stage: action.stage, reason: action.stage === 'declined' ? `Moved by the automation "${context.ruleName}"` : null });
        },
      };
    }
  }
}

/** Custom field keys defined (and live) for an entity type. */
export async function customFieldKeys(db: Db | Tx, entityType: AutomationEntityType): Promise<Set<string>> {
  const rows = await db.selectFrom('customFieldDefinitions').select('key').where('entityType', '=', entityType).where('deletedAt', 'is', null).execute();
  return new Set(rows.map((row) => row.key));
}
