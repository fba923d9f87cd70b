import {
  IdParams,
  ListEnvelope,
  MarkAllReadResult,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesInput,
  NotificationView,
  UnreadCount,
} from '@lpdesk/contracts';
import { z } from 'zod';
import type { JobHandler } from '../jobs/runner.js';
import { defineOperation } from '../kernel/operations.js';
import { markAllNotificationsRead, markNotificationRead, updateNotificationPreferences } from './commands.js';
import { dailyDigestJob } from './digest.js';
import { countUnreadNotifications, getNotificationPreferences, listNotifications } from './queries.js';
import { taskRemindersJob } from './reminders.js';

export { DIGEST_JOB, hourIn, sendDailyDigests } from './digest.js';
export { smtpMailer, type Mailer, type OutgoingEmail } from './mailer.js';
export { notifyDueTasks, TASK_REMINDERS_JOB } from './reminders.js';
export { NOTIFICATIONS_SUBSCRIBER, notificationsSubscriber, notifyFromEvents } from './subscriber.js';

export const NOTIFICATION_JOBS: JobHandler[] = [taskRemindersJob, dailyDigestJob];

/** Every operation here acts on the caller's own inbox: there is no way to read another user's. */
export const notificationOperations = {
  list: defineOperation({
    name: 'notifications.list',
    summary: 'Your notifications, newest first (optionally unread only)',
    permission: null,
    input: NotificationListQuery,
    output: ListEnvelope(NotificationView),
    run: ({ core, actor }, query) => listNotifications(core, actor, query),
  }),
  unreadCount: defineOperation({
    name: 'notifications.unreadCount',
    summary: 'How many of your notifications are unread',
    permission: null,
    input: z.strictObject({}),
    output: UnreadCount,
    run: ({ core, actor }) => countUnreadNotifications(core, actor),
  }),
  markRead: defineOperation({
    name: 'notifications.markRead',
    summary: 'Mark one of your notifications read',
    permission: null,
    input: IdParams,
    output: NotificationView,
    run: ({ core, actor }, { id }) => markNotificationRead(core, actor, id),
  }),
  markAllRead: defineOperation({
    name: 'notifications.markAllRead',
    summary: 'Mark all your notifications read',
    permission: null,
    input: z.strictObject({}),
    output: MarkAllReadResult,
    run: ({ core, actor }) => markAllNotificationsRead(core, actor),
  }),
  preferences: defineOperation({
    name: 'notifications.preferences',
    summary: 'Your notification settings (the daily digest email)',
    permission: null,
    input: z.strictObject({}),
    output: NotificationPreferences,
    run: ({ core, actor }) => getNotificationPreferences(core, actor),
  }),
  updatePreferences: defineOperation({
    name: 'notifications.updatePreferences',
    summary: 'Turn your daily digest email on or off',
    permission: null,
    input: NotificationPreferencesInput,
    output: NotificationPreferences,
    run: ({ core, actor }, input) => updateNotificationPreferences(core, actor, input),
  }),
};
