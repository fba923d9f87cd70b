import { ContactExportQuery, type ExportFormat, OrganizationExportQuery, type ViewState } from '@lpdesk/contracts';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { issuesOf } from '../kernel/operations.js';
import { type PreparedExport, prepareExport } from '../exports/export.js';
import { exportGrid } from '../grid/grid-export.js';

/** A file to stream: what the doors need from a list export or a grid export. */
export type ExportFile = Pick<PreparedExport, 'filename' | 'contentType' | 'writeTo'>;
import { presentSavedViews } from './presenter.js';
import { findVisibleView } from './queries.js';

/** List screens keep the relationship filter as a tab in the URL; the list route speaks `relationship`. */
const RELATIONSHIP_OF_TAB: Record<string, string> = { investors: 'investor', prospects: 'prospect' };
/** URL parameters that are screen state, not filters. */
const NOT_FILTERS = new Set(['tab', 'view', 'open', 'sort', 'columns', 'format', 'limit', 'offset']);

/**
 * The export query a list view stands for: its URL filters (`query`), search, first sort and visible
 * columns in the view's order. Keys the collection does not filter on are dropped (a contacts view
 * saved with `kind` still exports), wrong values are refused by the export schema.
 */
export function exportQueryOfView(state: ViewState, format: ExportFormat, accepted: ReadonlySet<string>): Record<string, string> {
  const query: Record<string, string> = { format };
  for (const [key, value] of Object.entries(state.query ?? {})) {
    if (value === '' || NOT_FILTERS.has(key) || !accepted.has(key)) continue;
    query[key] = value;
  }
  const relationship = RELATIONSHIP_OF_TAB[state.query?.tab ?? ''];
  if (relationship) query.relationship = relationship;
  if (state.search) query.q = state.search;
  const [sort] = state.sort;
  if (sort) query.sort = `${sort.direction === 'desc' ? '-' : ''}${sort.field}`;
  else if (state.query?.sort) query.sort = state.query.sort;
  const visible = state.columns.filter((column) => !column.hidden).map((column) => column.field);
  if (visible.length > 0) query.columns = visible.join(',');
  return query;
}

/**
 * A file of everything a view shows, on the server, over all rows: contacts and organizations views
 * through the list exports, grid views through the grid's export, which knows the fund columns.
 */
export async function prepareSavedViewExport(core: CoreContext, actor: Actor, id: string, format: ExportFormat): Promise<ExportFile> {
  const [view] = await presentSavedViews(core.db, [await findVisibleView(core.db, actor, id)]);
  if (!view) throw new Invalid('Saved view not found');
  if (view.screen === 'grid') {
    if (format !== 'csv') throw new Invalid('grid views export as CSV (format=csv)');
    return exportGrid(core, actor, { state: view.state, format });
  }
  if (view.screen !== 'contacts' && view.screen !== 'organizations')
    throw new Invalid(`${view.screen} views cannot be exported; export contacts or organizations views`);
  const schema = view.screen === 'contacts' ? ContactExportQuery : OrganizationExportQuery;
  const parsed = schema.safeParse(exportQueryOfView(view.state, format, new Set(Object.keys(schema.shape))));
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new Invalid(`This view's filters cannot be exported: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, { issues });
  }
  const request =
    view.screen === 'contacts'
      ? { collection: 'contacts' as const, query: parsed.data as ContactExportQuery }
      : { collection: 'organizations' as const, query: parsed.data as OrganizationExportQuery };
  const prepared = await prepareExport(core, request);
  return { ...prepared, filename: `${slug(view.name)}-${prepared.filename}` };
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'view';
