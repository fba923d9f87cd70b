import { z } from 'zod';
import { Id, ListQueryBase } from './common.js';

/**
 * The notification centre: what lands in a user's bell. `task_due` and `task_overdue` come from the
 * daily reminder job, `task_assigned` and `mention` from the event subscriber (core/notifications).
 */
export const NOTIFICATION_KINDS = ['task_due', 'task_overdue', 'task_assigned', 'mention'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** The record a notification points at; a click opens it. */
export const NotificationEntityType = z.enum(['task', 'communication']);
export type NotificationEntityType = z.infer<typeof NotificationEntityType>;

export const NotificationView = z
  .object({
    id: Id,
    kind: NotificationKind,
    entityType: NotificationEntityType,
    entityId: Id,
    /** Who caused it (assigned the task, wrote the mention); null for the reminder job. */
    actor: z.object({ id: Id, name: z.string() }).nullable(),
    /** One line for the list: what happened, to which record. */
    text: z.string(),
    /** Where the record is shown: the contact, organization or commitment it is linked to, if any. */
    link: z.object({ entityType: z.enum(['contact', 'organization', 'commitment']), entityId: Id }).nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  /** `true`: unread only. */
  unread: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const UnreadCount = z.object({ unread: z.int().min(0) }).meta({ id: 'UnreadNotificationCount' });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkAllReadResult = z.object({ marked: z.int().min(0) });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResult>;

/** A user's own notification settings. */
export const NotificationPreferences = z.object({ emailDigest: z.boolean() }).meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;
export const NotificationPreferencesInput = z.strictObject({ emailDigest: z.boolean() });
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

/**
 * Mentions: `@username` (case-insensitive) anywhere in a communication's body or a task's notes, where
 * the `@` starts the text or follows a character that is not a letter, digit or `@`/`.`, so an email
 * address such as `ana@fund.example` is not a mention. A username may hold `.`, `_`, `-` and `@`;
 * trailing `.`, `-` and `@` are sentence punctuation, not part of the name (`Thanks @ana.` mentions ana).
 */
const MENTION = /(^|[^\p{L}\p{N}@._-])@([A-Za-z0-9._@-]+)/gu;

export interface MentionMatch {
  /** The username as written, without the `@`. */
  username: string;
  /** Offset of the `@` in the text. */
  index: number;
}

export function findMentions(text: string): MentionMatch[] {
  const found: MentionMatch[] = [];
  for (const match of text.matchAll(MENTION)) {
    const username = (match[2] ?? '').replace(/[.@-]+$/, '');
    if (username.length < 2) continue;
    found.push({ username, index: (match.index ?? 0) + (match[1] ?? '').length });
  }
  return found;
}

/** The distinct usernames mentioned, lower-cased (usernames compare case-insensitively). */
export function mentionedUsernames(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(findMentions(text).map((m) => m.username.toLowerCase()))];
}
