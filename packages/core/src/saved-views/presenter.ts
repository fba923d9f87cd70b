import { type SavedView, ViewScreen, ViewState } from '@lpdesk/contracts';
import type { Db } from '../db/connect.js';
import type { Row } from '../db/schema.js';
import { loadUserRefs, refOrNull } from '../shared/lookups.js';
import type { Tx } from '../kernel/write.js';

/** The stored JSON went through ViewState on the way in; parsing it again fills defaults added since. */
function stateOf(row: Row<'savedViews'>): ViewState {
  const parsed = ViewState.safeParse(JSON.parse(row.stateJson));
  return parsed.success ? parsed.data : { sort: [], groupBy: null, columns: [] };
}

export function presentSavedView(row: Row<'savedViews'>, owners: Map<string, { id: string; name: string }>): SavedView {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    screen: ViewScreen.parse(row.screen),
    shared: row.shared === 1,
    state: stateOf(row),
    ownerId: row.ownerId,
    owner: refOrNull(owners, row.ownerId),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function presentSavedViews(db: Db | Tx, rows: Row<'savedViews'>[]): Promise<SavedView[]> {
  const owners = await loadUserRefs(
    db,
    rows.map((row) => row.ownerId),
  );
  return rows.map((row) => presentSavedView(row, owners));
}
