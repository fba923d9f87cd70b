import type { LinkableEntity, TaskCreateInput, TaskUpdateInput } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { tableOf } from '../kernel/entities.js';
import { Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, findRow, restoreRow, softDeleteRow } from '../kernel/records.js';
import { definedEntries } from '../kernel/values.js';
import { diffRecords, type Tx, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists } from '../shared/lookups.js';
import { presentTasks, type TaskView } from './presenter.js';
import { getTask } from './queries.js';

async function assertLinkedEntity(tx: Tx, entityType: LinkableEntity | null | undefined, entityId: string | null | undefined) {
  if (!entityType && !entityId) return;
  if (!entityType || !entityId) throw new Invalid('entityType and entityId go together', { issues: [{ path: [entityType ? 'entityId' : 'entityType'], message: 'required with the other' }] });
  const table = tableOf(entityType);
  const row = await tx.selectFrom(table).select('id').where('id', '=', entityId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row) throw new Invalid(`entityId: no ${entityType} ${entityId}`, { issues: [{ path: ['entityId'], message: `unknown ${entityType}` }] });
}

export async function createTaskIn(scope: WriteScope, input: TaskCreateInput & { communicationId?: string | null }): Promise<TaskView> {
  await assertUserExists(scope.tx, input.assigneeId, 'assigneeId');
  await assertLinkedEntity(scope.tx, input.entityType, input.entityId);
  const row = {
    id: newId(),
    title: input.title,
    notes: input.notes ?? null,
    dueOn: input.dueOn ?? null,
    assigneeId: input.assigneeId === undefined ? scope.actor.userId : input.assigneeId,
    status: input.status,
    completedAt: input.status === 'done' ? scope.now : null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    communicationId: input.communicationId ?? null,
    ...auditedInsertFields(scope),
  };
  await scope.tx.insertInto('tasks').values(row).execute();
  const [view] = await presentTasks(scope.tx, [row]);
  await scope.log({ action: 'create', entityType: 'task', entityId: row.id, diff: { after: row } });
  return view as TaskView;
}

export function createTask(core: CoreContext, actor: Actor, input: TaskCreateInput) {
  return write(core, actor, (scope) => createTaskIn(scope, input));
}

export async function updateTaskIn(scope: WriteScope, id: string, changes: TaskUpdateInput, expectedVersion?: number): Promise<TaskView> {
    const before = await claimRow(scope, 'tasks', id, 'Task', { expectedVersion, present: async (row) => (await presentTasks(scope.tx, [row]))[0] as TaskView });
    await assertUserExists(scope.tx, changes.assigneeId, 'assigneeId');
    if (changes.entityType !== undefined || changes.entityId !== undefined) {
      await assertLinkedEntity(scope.tx, changes.entityType ?? null, changes.entityId ?? null);
    }
    const completedAt = changes.status === undefined ? undefined : changes.status === 'done' ? (before.completedAt ?? scope.now) : null;
    await scope.tx
      .updateTable('tasks')
      .set({ ...definedEntries(changes), ...(completedAt !== undefined ? { completedAt } : {}), ...auditedUpdateFields(scope) })
      .where('id', '=', id)
      .execute();
    const after = await findRow(scope.tx, 'tasks', id, 'Task');
    await scope.log({ action: 'update', entityType: 'task', entityId: id, diff: diffRecords(before, after) });
    const [view] = await presentTasks(scope.tx, [after]);
    return view as TaskView;
}

export function updateTask(core: CoreContext, actor: Actor, id: string, changes: TaskUpdateInput, expectedVersion?: number) {
  return write(core, actor, (scope) => updateTaskIn(scope, id, changes, expectedVersion));
}

export function deleteTask(core: CoreContext, actor: Actor, id: string) {
  return write(core, actor, (scope) => softDeleteRow(scope, 'tasks', 'task', id, 'Task'));
}

export async function restoreTask(core: CoreContext, actor: Actor, id: string) {
  await write(core, actor, (scope) => restoreRow(scope, 'tasks', 'task', id, 'Task'));
  return getTask(core, id);
}
