import type { TaskListQuery } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { containsText, deletedFilter, findRow, resolveSort } from '../kernel/records.js';
import { presentTasks, type TaskView } from './presenter.js';

const SORTABLE = { dueOn: 'dueOn', createdAt: 'createdAt', updatedAt: 'updatedAt', title: 'title', status: 'status' } as const;

export async function getTask(core: CoreContext, id: string): Promise<TaskView> {
  const [view] = await presentTasks(core.db, [await findRow(core.db, 'tasks', id, 'Task', { includeDeleted: true })]);
  return view as TaskView;
}

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
