import {
  ExportFormat,
  IdParams,
  ListEnvelope,
  NoContent,
  SavedViewCreateInput,
  SavedViewListQuery,
  SavedViewUpdateInput,
  SavedViewView,
  UpdateOperationInput,
} from '@lpdesk/contracts';
import { z } from 'zod';
import type { ExportFile } from './export.js';
import { defineOperation } from '../kernel/operations.js';
import { createSavedView, deleteSavedView, updateSavedView } from './commands.js';
import { prepareSavedViewExport } from './export.js';
import { getSavedView, listSavedViews } from './queries.js';

export { exportQueryOfView } from './export.js';

const Prepared = z.custom<ExportFile>().meta({ description: 'A file to stream: filename, content type and writeTo(sink)' });

/**
 * Saved views need only `crm.read`: anyone who can read a screen may keep views of it. Who may change
 * which view (owner, or admin for shared ones) is decided per view in access.ts.
 */
export const savedViewOperations = {
  list: defineOperation({
    name: 'savedViews.list',
    summary: 'List the saved views you can see (shared ones and your own), by screen, shared first, then by name',
    permission: 'crm.read',
    input: SavedViewListQuery,
    output: ListEnvelope(SavedViewView),
    run: ({ core, actor }, query) => listSavedViews(core, actor, query),
  }),
  get: defineOperation({
    name: 'savedViews.get',
    summary: 'Get one saved view (another user’s private view is not found)',
    permission: 'crm.read',
    input: IdParams,
    output: SavedViewView,
    run: ({ core, actor }, { id }) => getSavedView(core, actor, id),
  }),
  create: defineOperation({
    name: 'savedViews.create',
    summary: 'Save a view of a screen, private or shared',
    permission: 'crm.read',
    input: SavedViewCreateInput,
    output: SavedViewView,
    run: ({ core, actor }, input) => createSavedView(core, actor, input),
  }),
  update: defineOperation({
    name: 'savedViews.update',
    summary: 'Rename, share or unshare a saved view, or replace its state (owner, or an admin for shared views)',
    permission: 'crm.read',
    input: UpdateOperationInput(SavedViewUpdateInput),
    output: SavedViewView,
    run: ({ core, actor }, { id, changes, expectedVersion }) => updateSavedView(core, actor, id, changes, expectedVersion),
  }),
  delete: defineOperation({
    name: 'savedViews.delete',
    summary: 'Delete a saved view (owner, or an admin for shared views)',
    permission: 'crm.read',
    input: IdParams,
    output: NoContent,
    run: ({ core, actor }, { id }) => deleteSavedView(core, actor, id),
  }),
  export: defineOperation({
    name: 'savedViews.export',
    summary: 'Export every row a view shows (contacts and organizations: CSV or XLSX; grid: CSV), in its order and with its visible columns',
    permission: 'crm.read',
    input: z.object({ id: IdParams.shape.id, format: ExportFormat.default('csv') }),
    output: Prepared,
    run: ({ core, actor }, { id, format }) => prepareSavedViewExport(core, actor, id, format),
  }),
};
