import type { Role } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import { ROLE_PERMISSIONS, type Permission } from '../kernel/permissions.js';

/** The agent key a lent write acts as: the key's identity (door mcp), so the record's history names it. */
export interface LendingKey {
  id: string;
  name: string | null;
  /** The person behind the key, when there is one. */
  userId: string | null;
  requestId: string | null;
}

/**
 * The one way an agent key does a write its own role lacks: for that single write it acts with a lent role,
 * still as the key through the mcp door. Approval lends the approver's role (proposals.ts); a direct key's
 * record write (agents.writeRecords) borrows the least role holding the operation's permission (run-write.ts).
 * Nothing else lends a role, and the lent actor never outlives the one `execute` it is made for.
 */
export function lendRole(key: LendingKey, role: Role): Actor {
  return { kind: 'agent', id: key.id, role, userId: key.userId, name: key.name, door: 'mcp', requestId: key.requestId };
}

/** Least first: a lent role is the smallest that allows the write, never more. */
const ROLES_BY_RANK: readonly Role[] = ['agent', 'member', 'manager', 'admin'];

export function leastRoleWith(permission: Permission): Role {
  const role = ROLES_BY_RANK.find((r) => ROLE_PERMISSIONS[r].has(permission));
  if (!role) throw new Error(`No role holds ${permission}`);
  return role;
}
