import { IdParams, ListEnvelope, NoContent, TaskCreateInput, TaskListQuery, TaskUpdateInput, TaskView, UpdateOperationInput } from '@lpdesk/contracts';
import { defineOperation } from '../kernel/operations.js';
import { createTask, deleteTask, restoreTask, updateTask } from './commands.js';
import { getTask, listTasks } from './queries.js';

export { createTaskIn, updateTaskIn } from './commands.js';
export { presentTasks } from './presenter.js';
export type { TaskView } from './presenter.js';

export const taskOperations = {
  list: defineOperation({ name: 'tasks.list', summary: 'List tasks (mine, everyone, due, overdue, done)', permission: 'crm.read', input: TaskListQuery, output: ListEnvelope(TaskView), run: ({ core, actor }, q) => listTasks(core, actor, q) }),
  get: defineOperation({ name: 'tasks.get', summary: 'Get one task', permission: 'crm.read', input: IdParams, output: TaskView, run: ({ core }, { id }) => getTask(core, id) }),
  create: defineOperation({ name: 'tasks.create', summary: 'Create a task, optionally linked to a contact, organization or commitment', permission: 'tasks.write', input: TaskCreateInput, output: TaskView, run: ({ core, actor }, input) => createTask(core, actor, input) }),
  update: defineOperation({ name: 'tasks.update', summary: 'Edit or complete a task', permission: 'tasks.write', input: UpdateOperationInput(TaskUpdateInput), output: TaskView, run: ({ core, actor }, { id, changes, expectedVersion }) => updateTask(core, actor, id, changes, expectedVersion) }),
  delete: defineOperation({ name: 'tasks.delete', summary: 'Move a task to the trash', permission: 'crm.delete', input: IdParams, output: NoContent, run: ({ core, actor }, { id }) => deleteTask(core, actor, id) }),
  restore: defineOperation({ name: 'tasks.restore', summary: 'Restore a task from the trash', permission: 'crm.delete', input: IdParams, output: TaskView, run: ({ core, actor }, { id }) => restoreTask(core, actor, id) }),
};
