import { IdParams, NotificationListQuery, NotificationPreferencesInput } from '@lpdesk/contracts';
import { operations } from '@lpdesk/core';
import { z } from 'zod';
import { operationRoute } from '../http/register.js';
import type { RouteSpec } from '../http/route.js';
import { EmptyQuery } from './crud.js';

/** The caller's own notification centre; nothing here reads or changes another user's inbox. */
export const notificationRoutes: RouteSpec[] = [
  operationRoute({
    method: 'GET',
    url: '/api/notifications',
    tag: 'Notifications',
    operation: operations.notifications.list,
    query: NotificationListQuery,
    input: ({ query }) => query as NotificationListQuery,
  }),
  operationRoute({
    method: 'GET',
    url: '/api/notifications/unread-count',
    tag: 'Notifications',
    operation: operations.notifications.unreadCount,
    query: EmptyQuery,
    input: () => ({}),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/notifications/read-all',
    tag: 'Notifications',
    operation: operations.notifications.markAllRead,
    body: z.strictObject({}).optional(),
    input: () => ({}),
  }),
  operationRoute({
    method: 'POST',
    url: '/api/notifications/:id/read',
    tag: 'Notifications',
    operation: operations.notifications.markRead,
    params: IdParams,
    body: z.strictObject({}).optional(),
    input: ({ params }) => ({ id: params.id as string }),
  }),
  operationRoute({
    method: 'GET',
    url: '/api/notifications/preferences',
    tag: 'Notifications',
    operation: operations.notifications.preferences,
    query: EmptyQuery,
    input: () => ({}),
  }),
  operationRoute({
    method: 'PATCH',
    url: '/api/notifications/preferences',
    tag: 'Notifications',
    operation: operations.notifications.updatePreferences,
    body: NotificationPreferencesInput,
    input: ({ body }) => body as NotificationPreferencesInput,
  }),
];
