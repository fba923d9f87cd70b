import { z } from 'zod';
import { CalendarDate, Id, ListQueryBase, NonEmptyText, OptionalText } from './common.js';

export const TaskStatus = z.enum(['open', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const LinkableEntity = z.enum(['contact', 'organization', 'commitment']);
export type LinkableEntity = z.infer<typeof LinkableEntity>;

const taskFields = {
  title: NonEmptyText(500),
  notes: OptionalText(10000),
  dueOn: CalendarDate.nullable(),
  assigneeId: Id.nullable(),
  status: TaskStatus,
  entityType: LinkableEntity.nullable(),
  entityId: Id.nullable(),
};

export const TaskCreateInput = z
  .strictObject(taskFields)
  .partial()
  .extend({ title: taskFields.title, status: TaskStatus.default('open') });
export type TaskCreateInput = z.infer<typeof TaskCreateInput>;

export const TaskUpdateInput = z.strictObject(taskFields).partial();
export type TaskUpdateInput = z.infer<typeof TaskUpdateInput>;

export const TaskListQuery = z.strictObject({
  ...ListQueryBase.shape,
  status: TaskStatus.optional(),
  assigneeId: Id.optional(),
  /** `me` resolves to the caller. */
  assignee: z.literal('me').optional(),
  entityType: LinkableEntity.optional(),
  entityId: Id.optional(),
  due: z.enum(['overdue', 'today', 'upcoming', 'none']).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;
