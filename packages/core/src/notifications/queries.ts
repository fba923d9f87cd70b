import type { NotificationListQuery, NotificationPreferences, UnreadCount } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Forbidden } from '../kernel/errors.js';
import { presentNotifications } from './presenter.js';

/** Notifications belong to a person: only a signed-in user (not an API key or the system) has a bell. */
export function recipientOf(actor: Actor): string {
  if (actor.kind !== 'user' || !actor.userId) throw new Forbidden('Notifications belong to a signed-in user; API keys and agents have none');
  return actor.userId;
}

export async function listNotifications(core: CoreContext, actor: Actor, query: NotificationListQuery) {
  const recipientId = recipientOf(actor);
  let base = core.db.selectFrom('notifications').where('recipientId', '=', recipientId);
  if (query.unread === 'true') base = base.where('readAt', 'is', null);
  const [counted, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentNotifications(core.db, rows), total: Number(counted.total), limit: query.limit, offset: query.offset };
}

/** What the bell polls: one count over the partial index of unread rows. */
export async function countUnreadNotifications(core: CoreContext, actor: Actor): Promise<UnreadCount> {
  const row = await core.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('unread'))
    .where('recipientId', '=', recipientOf(actor))
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: Number(row.unread) };
}

/** Everyone gets the digest (when email is configured) until they turn it off. */
export async function getNotificationPreferences(core: CoreContext, actor: Actor): Promise<NotificationPreferences> {
  const row = await core.db.selectFrom('notificationPreferences').select('emailDigest').where('userId', '=', recipientOf(actor)).executeTakeFirst();
  return { emailDigest: row ? Boolean(row.emailDigest) : true };
}
