import { sql } from 'kysely';
import type { JobHandler } from '../jobs/runner.js';
import { type CoreContext, today } from '../kernel/context.js';
import { type NewNotification, storeNotifications } from './store.js';

export const TASK_REMINDERS_JOB = 'notifications.task-reminders';

/** Open, live tasks with an assignee who is still active and a due date of `day` or earlier. */
export function dueTasksQuery(core: CoreContext, day: string) {
  return core.db
    .selectFrom('tasks')
    .innerJoin('users', 'users.id', 'tasks.assigneeId')
    .where('tasks.status', '=', 'open')
    .where('tasks.deletedAt', 'is', null)
    .where('tasks.dueOn', '<=', day)
    .where('users.deletedAt', 'is', null)
    .where('users.disabledAt', 'is', null);
}

export const reminderKey = (taskId: string, day: string) => `reminder:${taskId}:${day}`;

/**
 * One notification per open task per team-local day while it is due or overdue, for its assignee.
 * The key (task, day) makes every further run that day a no-op, whichever worker runs it; tasks that
 * already have today's reminder are filtered out in SQL so the hourly run costs one indexed query.
 */
export async function notifyDueTasks(core: CoreContext): Promise<{ day: string; created: number }> {
  const day = today(core);
  const createdAt = core.clock.now().toISOString();
  const tasks = await dueTasksQuery(core, day)
    .select(['tasks.id', 'tasks.title', 'tasks.dueOn', 'tasks.assigneeId'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notifications')
            .select('notifications.id')
            .whereRef('notifications.recipientId', '=', 'tasks.assigneeId')
            .where('notifications.dedupeKey', '=', sql<string>`${'reminder:'} || tasks.id || ${`:${day}`}`),
        ),
      ),
    )
    .execute();
  const notifications: NewNotification[] = tasks.map((task) => {
    const dueToday = task.dueOn === day;
    return {
      recipientId: task.assigneeId as string,
      kind: dueToday ? 'task_due' : 'task_overdue',
      entityType: 'task',
      entityId: task.id,
      actorId: null,
      text: dueToday ? `Due today: ${task.title}` : `Overdue (due ${task.dueOn}): ${task.title}`,
      dedupeKey: reminderKey(task.id, day),
      createdAt,
    };
  });
  return { day, created: await storeNotifications(core.db, notifications) };
}

/**
 * Hourly rather than once a day: schedules are cron in UTC, and an hourly run starts each team-local
 * day's reminders within the hour after midnight, whatever the team's time zone.
 */
export const taskRemindersJob: JobHandler = {
  kind: TASK_REMINDERS_JOB,
  schedule: { cron: '5 * * * *' },
  run: (_payload, { core }) => notifyDueTasks(core),
};
