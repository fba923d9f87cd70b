import type { ActorKind, Door, Role } from '@lpdesk/contracts';

/** Who is acting, through which door. Every command takes one; every write logs it. */
export interface Actor {
  kind: ActorKind;
  /** User id, API key id, or null for the system. */
  id: string | null;
  /** Role that governs what this actor may do. */
  role: Role;
  /** The human behind the actor where there is one (a user, or the creator of an API key). */
  userId: string | null;
  name: string | null;
  door: Door;
  requestId: string | null;
}

export function systemActor(door: Door = 'cli', requestId: string | null = null): Actor {
  return { kind: 'system', id: null, role: 'admin', userId: null, name: 'system', door, requestId };
}

/**
 * Someone not yet signed in (a sign-in or first-run setup attempt). Logged as the system acting on
 * their behalf; the role is the least one, though nothing checks it on the operations they reach.
 */
export function anonymousActor(door: Door, requestId: string | null = null): Actor {
  return { kind: 'system', id: null, role: 'agent', userId: null, name: 'anonymous', door, requestId };
}
