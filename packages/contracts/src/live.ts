import { z } from 'zod';

/**
 * Messages on the WebSocket at `/api/live`. The server sends JSON; the client may send focus, lock and
 * unlock. A cell is named `<recordId>:<field>` (grid: `<organizationId>:<field>`).
 */
export interface LiveChangeMessage {
  type: 'change';
  entityType: string;
  entityId: string | null;
  version: number | null;
  /** The fields the change touched (from the log entry's diff); empty when it was not a field change. */
  fields: string[];
  action: string;
  actorId: string | null;
  actorKind: string;
}

export interface LivePresenceUser {
  userId: string;
  name: string;
  /** A stable colour per user, as a CSS colour. */
  color: string;
  screen: string | null;
  cell: string | null;
}

export interface LivePresenceMessage {
  type: 'presence';
  users: LivePresenceUser[];
}

export interface LiveLock {
  cell: string;
  userId: string;
  name: string;
  color: string;
  /** When the lock lapses unless renewed (ISO instant). */
  expiresAt: string;
}

export interface LiveLocksMessage {
  type: 'locks';
  locks: LiveLock[];
}

/** First message after connecting: who the server thinks you are; also sent again after a resync. */
export interface LiveHelloMessage {
  type: 'hello';
  userId: string;
  name: string;
  color: string;
  connectionId: string;
}

/** The server could not keep up with events (or reconnected): refetch everything. */
export interface LiveResyncMessage {
  type: 'resync';
}

export type LiveServerMessage = LiveChangeMessage | LivePresenceMessage | LiveLocksMessage | LiveHelloMessage | LiveResyncMessage;

export const LiveClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('focus'), screen: z.string().max(200).nullable(), cell: z.string().max(300).nullable().optional() }),
  z.strictObject({ type: z.literal('lock'), cell: z.string().min(1).max(300) }),
  z.strictObject({ type: z.literal('unlock'), cell: z.string().min(1).max(300) }),
  z.strictObject({ type: z.literal('ping') }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

/** Soft locks lapse after this unless renewed, and at once when their connection closes. */
export const LIVE_LOCK_TTL_MS = 60_000;
