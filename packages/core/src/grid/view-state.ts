import { ViewState } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { NotFound } from '../kernel/errors.js';
import { findVisibleView } from '../saved-views/queries.js';

/** A grid view the actor may see (shared, or their own), as its state; anything else is 404. */
export async function loadViewState(core: CoreContext, actor: Actor, viewId: string): Promise<ViewState> {
  const row = await findVisibleView(core.db, actor, viewId);
  // A list screen's view applied to the grid would filter on fields the grid does not have.
  if (row.screen !== 'grid') throw new NotFound('Saved view', viewId);
  return ViewState.parse(JSON.parse(row.stateJson));
}
