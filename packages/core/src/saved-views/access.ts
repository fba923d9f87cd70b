import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { Forbidden, NotFound } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';

/**
 * The user whose views an actor sees and makes: the person acting, or the user who created the API
 * key (keys act as themselves in the activity log, but their views are their creator's); null for the
 * system and for keys made from the CLI.
 */
export async function ownerOf(db: Db | Tx, actor: Actor): Promise<string | null> {
  if (actor.userId) return actor.userId;
  if ((actor.kind !== 'api_key' && actor.kind !== 'agent') || !actor.id) return null;
  const key = await db.selectFrom('apiKeys').select('createdBy').where('id', '=', actor.id).executeTakeFirst();
  return key?.createdBy ?? null;
}

/** Shared views are everyone's to see; a private one only its owner's (an ownerless one, the system's). */
export function canSee(owner: string | null, row: Row<'savedViews'>): boolean {
  return row.shared === 1 || row.ownerId === owner;
}

/**
 * Someone else's private view is as unknown as a missing one (404, not 403), so its id confirms
 * nothing; a shared view may be changed only by its owner or an admin.
 */
export function assertCanChange(actor: Actor, owner: string | null, row: Row<'savedViews'>): void {
  if (!canSee(owner, row)) throw new NotFound('Saved view', row.id);
  if (row.ownerId !== owner && actor.role !== 'admin') throw new Forbidden('Only the owner of a shared view or an admin may change or delete it');
}
