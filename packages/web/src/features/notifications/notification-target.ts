import type { NotificationView } from '@lpdesk/contracts';

/**
 * Where a click on a notification goes: the record the task or note is linked to, else the list it
 * lives in. The `task`/`communication` parameter names the item, for screens that open it.
 */
export function notificationTarget(notification: Pick<NotificationView, 'entityType' | 'entityId' | 'link'>): string {
  const item = `${notification.entityType}=${notification.entityId}`;
  const link = notification.link;
  if (link?.entityType === 'contact') return `/contacts/${link.entityId}?${item}`;
  if (link?.entityType === 'organization') return `/organizations/${link.entityId}?${item}`;
  if (link?.entityType === 'commitment') return `/pipeline?${item}`;
  return notification.entityType === 'task' ? `/tasks?${item}` : `/communications?${item}`;
}
