import type { TaskListQuery } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { type CoreContext, today } from '../kernel/context.js';
import { containsText, deletedFilter, findRow } from '../kernel/records.js';
import { countTotal } from '../kernel/list-totals.js';
import { orderBySort, resolveListSort, type SortKey } from '../kernel/sorting.js';
import { presentTasks, type TaskView } from './presenter.js';

export const TASK_SORTS = {
  dueOn: { columns: ['t.dueOn'], nullable: true },
  createdAt: { columns: ['t.createdAt'] },
  updatedAt: { columns: ['t.updatedAt'] },
  title: { columns: ['t.title'] },
  status: { columns: ['t.status', 't.title'] },
} satisfies Record<string, SortKey>;

export async function getTask(core: CoreContext, id: string): Promise<TaskView> {
  const [view] = await presentTasks(core.db, [await findRow(core.db, 'tasks', id, 'Task', { includeDeleted: true })]);
  return view as TaskView;
}

export async function listTasks(core: CoreContext, actor: Actor, query: TaskListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('tasks as t');
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
  const sort = resolveListSort(query.sort, TASK_SORTS, { field: 'dueOn', direction: 'asc' });
  const [total, rows] = await Promise.all([
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total'))),
    orderBySort(base.selectAll(), sort, 't.id').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentTasks(core.db, rows), total, limit: query.limit, offset: query.offset };
}
