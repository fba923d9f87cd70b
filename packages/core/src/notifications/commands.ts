import type { MarkAllReadResult, NotificationPreferences, NotificationPreferencesInput, NotificationView } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { presentNotifications } from './presenter.js';
import { recipientOf } from './queries.js';

/** Someone else's notification is as unknown as a missing one: ids of other users' inboxes are not confirmed. */
export async function markNotificationRead(core: CoreContext, actor: Actor, id: string): Promise<NotificationView> {
  const recipientId = recipientOf(actor);
  const now = core.clock.now().toISOString();
  await core.db
    .updateTable('notifications')
    .set({ readAt: now })
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .execute();
  const row = await core.db.selectFrom('notifications').selectAll().where('id', '=', id).where('recipientId', '=', recipientId).executeTakeFirst();
  if (!row) throw new NotFound('Notification', id);
  const [view] = await presentNotifications(core.db, [row]);
  return view as NotificationView;
}

export async function markAllNotificationsRead(core: CoreContext, actor: Actor): Promise<MarkAllReadResult> {
  const result = await core.db
    .updateTable('notifications')
    .set({ readAt: core.clock.now().toISOString() })
    .where('recipientId', '=', recipientOf(actor))
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

export async function updateNotificationPreferences(core: CoreContext, actor: Actor, input: NotificationPreferencesInput): Promise<NotificationPreferences> {
  const userId = recipientOf(actor);
  const values = { emailDigest: input.emailDigest ? 1 : 0, updatedAt: core.clock.now().toISOString() };
  await core.db
    .insertInto('notificationPreferences')
    .values({ userId, ...values })
    .onConflict((oc) => oc.column('userId').doUpdateSet(values))
    .execute();
  return { emailDigest: input.emailDigest };
}
