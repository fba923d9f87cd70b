import { LinkableEntity, type Task, type TaskCreateInput, type TaskListQuery, TaskStatus, type TaskUpdateInput } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { tableOf } from '../kernel/entities.js';
import { Invalid } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { auditedInsertFields, auditedUpdateFields, claimRow, containsText, deletedFilter, findRow, resolveSort, restoreRow, softDeleteRow } from '../kernel/records.js';
import { asEnum, asNullableEnum, definedEntries } from '../kernel/values.js';
import { diffRecords, type Tx, type WriteScope, write } from '../kernel/write.js';
import { assertUserExists, loadUserRefs, refOrNull } from '../shared/lookups.js';

export type TaskView = Task;

async function entityNames(db: Db | Tx, rows: { entityType: string | null; entityId: string | null }[]): Promise<Map<string, string>> {
  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.entityType === type && r.entityId).map((r) => r.entityId as string))];
  const contactIds = idsOf('contact');
  const orgIds = idsOf('organization');
  const commitmentIds = idsOf('commitment');
  const [contacts, orgs, commitments] = await Promise.all([
    contactIds.length ? db.selectFrom('contacts').select(['id', 'firstName', 'lastName']).where('id', 'in', contactIds).execute() : [],
    orgIds.length ? db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    commitmentIds.length
      ? db
          .selectFrom('commitments as c')
          .innerJoin('organizations as o', 'o.id', 'c.organizationId')
          .innerJoin('funds as f', 'f.id', 'c.fundId')
          .select(['c.id', 'o.name as orgName', 'f.name as fundName'])
          .where('c.id', 'in', commitmentIds)
          .execute()
      : [],
  ]);
  return new Map<string, string>([
    ...contacts.map((c): [string, string] => [c.id, `${c.firstName} ${c.lastName}`.trim()]),
    ...orgs.map((o): [string, string] => [o.id, o.name]),
    ...commitments.map((c): [string, string] => [c.id, `${c.orgName} · ${c.fundName}`]),
  ]);
}

export async function presentTasks(db: Db | Tx, rows: Row<'tasks'>[]): Promise<TaskView[]> {
  const [users, names] = await Promise.all([loadUserRefs(db, rows.map((r) => r.assigneeId)), entityNames(db, rows)]);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    title: row.title,
    notes: row.notes,
    dueOn: row.dueOn,
    assigneeId: row.assigneeId,
    assignee: refOrNull(users, row.assigneeId),
    status: asEnum(TaskStatus, row.status),
    completedAt: row.completedAt,
    entityType: asNullableEnum(LinkableEntity, row.entityType),
    entityId: row.entityId,
    entityName: row.entityId ? (names.get(row.entityId) ?? null) : null,
    communicationId: row.communicationId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
  }));
}

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

export async function getTask(core: CoreContext, id: string): Promise<TaskView> {
  const [view] = await presentTasks(core.db, [await findRow(core.db, 'tasks', id, 'Task', { includeDeleted: true })]);
  return view as TaskView;
}

const SORTABLE = { dueOn: 'dueOn', createdAt: 'createdAt', updatedAt: 'updatedAt', title: 'title', status: 'status' } as const;

export async function listTasks(core: CoreContext, actor: Actor, query: TaskListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('tasks');
  if (filter === 'live') base = base.where('deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('deletedAt', 'is not', null);
  if (query.status) base = base.where('status', '=', query.status);
  if (query.assigneeId) base = base.where('assigneeId', '=', query.assigneeId);
  if (query.assignee === 'me') base = base.where('assigneeId', '=', actor.userId ?? '');
  if (query.entityType) base = base.where('entityType', '=', query.entityType);
  if (query.entityId) base = base.where('entityId', '=', query.entityId);
  if (query.q) base = base.where((eb) => eb.or([containsText(eb.ref('title'), query.q ?? ''), containsText(eb.ref('notes'), query.q ?? '')]));
  const todayDate = today(core);
  if (query.due === 'overdue') base = base.where('dueOn', '<', todayDate).where('status', '=', 'open');
  if (query.due === 'today') base = base.where('dueOn', '=', todayDate);
  if (query.due === 'upcoming') base = base.where('dueOn', '>=', todayDate);
  if (query.due === 'none') base = base.where('dueOn', 'is', null);
  const sort = resolveSort(query.sort, SORTABLE, { column: 'dueOn', direction: 'asc' });
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      // Undated tasks sort after dated ones in either dialect.
      .orderBy((eb) => eb.case().when(sort.column, 'is', null).then(1).else(0).end())
      .orderBy(sort.column, sort.direction)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
  ]);
  return { data: await presentTasks(core.db, rows), total: Number(total), limit: query.limit, offset: query.offset };
}
