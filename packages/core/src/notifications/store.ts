import type { NotificationEntityType, NotificationKind } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import { newId } from '../kernel/ids.js';

/** A notification about to be stored; `dedupeKey` names what makes it the same one twice. */
export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  entityType: NotificationEntityType;
  entityId: string;
  actorId: string | null;
  text: string;
  dedupeKey: string;
  createdAt: string;
}

/** Rows per INSERT: 10 parameters each stays far below both dialects' parameter limits. */
const INSERT_CHUNK = 500;

/**
 * Store notifications, skipping any the recipient already has under the same key: a replayed event,
 * an edit that re-saves the same mention or a second run of the day's reminders adds nothing.
 *
 * Notifications are not written through write(): like the search index they are derived from the
 * activity log (the assignment, the mention, the due date are logged there), and a user's read marks
 * are personal inbox state, not a change to the team's records.
 */
export async function storeNotifications(db: Db, notifications: NewNotification[]): Promise<number> {
  let stored = 0;
  for (let start = 0; start < notifications.length; start += INSERT_CHUNK) {
    const rows = notifications.slice(start, start + INSERT_CHUNK).map((n) => ({ id: newId(), ...n, readAt: null }));
    const result = await db
      .insertInto('notifications')
      .values(rows)
      .onConflict((oc) => oc.columns(['recipientId', 'dedupeKey']).doNothing())
      .executeTakeFirst();
    stored += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return stored;
}

/** A short, single-line excerpt of free text for a notification or an email line. */
export function excerpt(text: string | null | undefined, max = 80): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
