import {
  GridCellHistoryQuery,
  GridCellRevisionView,
  GridExportBody,
  GridExportQuery,
  GridQuery,
  GridView,
  IdParams,
  OrganizationNoteCreateInput,
  OrganizationNoteView,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../kernel/operations.js';
import { cellHistory } from './cell-history.js';
import { exportGrid, type GridExportFile } from './grid-export.js';
import { loadGrid, splitFundIds } from './grid-query.js';
import { appendNote, listNotes } from './notes-log.js';

export { appendNoteIn, GRID_NOTES_LIMIT, listNotes, noteLine } from './notes-log.js';
export { exportGrid, type GridExportFile } from './grid-export.js';
export { type GridRequest, type LoadedGrid, loadGrid } from './grid-query.js';
export { orderColumns, visibleColumns } from './columns.js';

const ExportFile = z.custom<GridExportFile>().meta({ description: 'A file to stream: filename, content type and writeTo(sink)' });

export const gridOperations = {
  get: defineOperation({
    name: 'grid.get',
    summary:
      'The fundraising grid: one row per investor with its fields, people, notes log, custom fields and per fund commitment cells, filtered and sorted by the view, with per fund totals of the shown rows',
    permission: 'crm.read',
    input: GridQuery,
    output: GridView,
    run: async ({ core, actor }, query) => {
      const { state: _state, ...grid } = await loadGrid(core, actor, { fundIds: splitFundIds(query.fundIds), viewId: query.viewId, q: query.q });
      return grid;
    },
  }),
  export: defineOperation({
    name: 'grid.export',
    summary: 'Export exactly what a grid view shows (its visible columns in its order, its filters and sort, every row) as CSV',
    permission: 'crm.read',
    input: GridExportQuery,
    output: ExportFile,
    run: ({ core, actor }, query) => exportGrid(core, actor, { fundIds: splitFundIds(query.fundIds), viewId: query.viewId, q: query.q, format: query.format }),
  }),
  exportState: defineOperation({
    name: 'grid.exportState',
    summary: 'Export what an unsaved grid view shows (its state in the body) as CSV',
    permission: 'crm.read',
    input: GridExportBody,
    output: ExportFile,
    run: ({ core, actor }, body) => exportGrid(core, actor, { state: body.state, fundIds: body.fundIds, q: body.q, format: body.format }),
  }),
  cellHistory: defineOperation({
    name: 'grid.cellHistory',
    summary: "A grid cell's revisions from the activity log, newest first (revert with a batch)",
    permission: 'crm.read',
    input: GridCellHistoryQuery,
    output: z.array(GridCellRevisionView),
    run: ({ core }, { organizationId, field }) => cellHistory(core, organizationId, field),
  }),
  notesLog: defineOperation({
    name: 'organizations.notesLog',
    summary: "An investor's outreach log, newest first",
    permission: 'crm.read',
    input: IdParams,
    output: z.array(OrganizationNoteView),
    run: ({ core }, { id }) => listNotes(core, id),
  }),
  appendNote: defineOperation({
    name: 'organizations.appendNote',
    summary: "Append a dated line to an investor's outreach log (entries are never edited or deleted)",
    permission: 'crm.write',
    input: z.object({ id: IdParams.shape.id, note: OrganizationNoteCreateInput }),
    output: OrganizationNoteView,
    run: ({ core, actor }, { id, note }) => appendNote(core, actor, id, note),
  }),
};
