import { ViewState } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';

/*
 * STAND-IN, to be replaced at merge: the saved-views domain (packages/core/src/saved-views) is built
 * on another branch. Until then this reads its `saved_views` table directly when it exists; without
 * the table every viewId is unknown (404). Keep it isolated: nothing but the grid calls it.
 */

async function savedViewsTableExists(core: CoreContext): Promise<boolean> {
  if (core.dialect === 'postgres') {
    const result = await sql<{ found: string | null }>`select to_regclass('saved_views')::text as found`.execute(core.db);
    return Boolean(result.rows[0]?.found);
  }
  const result = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'saved_views'`.execute(core.db);
  return result.rows.length > 0;
}

/** A grid view the actor may see (shared, or their own), as its state; anything else is 404. */
export async function loadViewState(core: CoreContext, actor: Actor, viewId: string): Promise<ViewState> {
  if (!(await savedViewsTableExists(core))) throw new NotFound('Saved view', viewId);
  const result = await sql<{ id: string; screen: string; shared: unknown; stateJson: string; ownerId: string | null }>`
    select id, screen, shared, state_json, owner_id from saved_views where id = ${viewId} and deleted_at is null`.execute(core.db);
  // Rows come back camel-cased (the connection's CamelCasePlugin).
  const row = result.rows[0];
  const shared = row ? row.shared === true || Number(row.shared) === 1 : false;
  // A private view of someone else is as unknown as a missing one: its existence is not told.
  if (!row || row.screen !== 'grid' || (!shared && row.ownerId !== actor.userId)) throw new NotFound('Saved view', viewId);
  return ViewState.parse(JSON.parse(row.stateJson));
}
