import type { SavedView, SavedViewListQuery } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import type { Tx } from '../kernel/write.js';
import { canSee, ownerOf } from './access.js';
import { presentSavedViews } from './presenter.js';

/** A live view the actor may see; anything else is "not found". */
export async function findVisibleView(db: Db | Tx, actor: Actor, id: string, owner?: string | null): Promise<Row<'savedViews'>> {
  const row = await db.selectFrom('savedViews').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
  if (!row || !canSee(owner === undefined ? await ownerOf(db, actor) : owner, row)) throw new NotFound('Saved view', id);
  return row;
}

/** The menu's list: by screen, shared views first, then by name. Others' private views never appear. */
export async function listSavedViews(core: CoreContext, actor: Actor, query: SavedViewListQuery) {
  const owner = await ownerOf(core.db, actor);
  let base = core.db
    .selectFrom('savedViews')
    .where('deletedAt', 'is', null)
    .where((eb) => eb.or([eb('shared', '=', 1), owner === null ? eb('ownerId', 'is', null) : eb('ownerId', '=', owner)]));
  if (query.screen) base = base.where('screen', '=', query.screen);
  const rows = await base.selectAll().orderBy('screen').orderBy('shared', 'desc').orderBy(sql`lower(name)`).orderBy('id').execute();
  const data = await presentSavedViews(core.db, rows);
  return { data, total: data.length, limit: Math.max(data.length, 1), offset: 0 };
}

export async function getSavedView(core: CoreContext, actor: Actor, id: string): Promise<SavedView> {
  const [view] = await presentSavedViews(core.db, [await findVisibleView(core.db, actor, id)]);
  return view as SavedView;
}
