import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import { Forbidden, NotFound } from '../kernel/errors.js';

/** The user a view belongs to: the person acting, or the person behind an API key; null for the system. */
export const ownerOf = (actor: Actor): string | null => actor.userId;

/** Shared views are everyone's to see; a private one only its owner's (an ownerless one, the system's). */
export function canSee(actor: Actor, row: Row<'savedViews'>): boolean {
  return row.shared === 1 || row.ownerId === ownerOf(actor);
}

/**
 * Someone else's private view is as unknown as a missing one (404, not 403), so its id confirms
 * nothing; a shared view may be changed only by its owner or an admin.
 */
export function assertCanChange(actor: Actor, row: Row<'savedViews'>): void {
  if (!canSee(actor, row)) throw new NotFound('Saved view', row.id);
  if (row.ownerId !== ownerOf(actor) && actor.role !== 'admin') throw new Forbidden('Only the owner of a shared view or an admin may change or delete it');
}
