import { z } from 'zod';
import { CalendarDate, Id, Instant, NonEmptyText } from './common.js';
import { ViewState } from './saved-views.js';
import { Stage } from './commitments.js';
import { CustomFieldType } from './custom-fields.js';

/**
 * The fundraising grid: one row per investor (organization), a view over the canonical rows, never a
 * copy. Cell fields:
 * - core organization fields by name (`name`, `kind`, `relationship`, `ownerId`, `website`, `location`,
 *   `leadSource`, `description`, `tags`),
 * - `contacts` (the investor's people, read-only here; edited on the contact),
 * - `notesLog` (the dated outreach log, newest first, read-only: it is appended to, never edited),
 * - `customFields.<key>` for organization custom fields,
 * - per fund `fund:<fundId>:committedAmount`, `fund:<fundId>:expectedAmount`, `fund:<fundId>:stage`.
 * A grid cell is edited with `POST /api/batch` as `{entityType:'organization', entityId, field, value,
 * expected}`, including the `fund:` fields: the batch finds the investor's commitment to that fund and
 * creates it when there is none yet.
 */
/** A custom field's types, plus the grid's own: stages, owners, tags, people and the notes log. */
export const GridColumnType = z.enum([...CustomFieldType.options, 'stage', 'user', 'tags', 'contacts', 'notes_log']);
export type GridColumnType = z.infer<typeof GridColumnType>;

export const GridColumnView = z
  .object({
    field: z.string(),
    label: z.string(),
    type: GridColumnType,
    editable: z.boolean(),
    /** Choices for select-like columns: value stored, label shown. */
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    /** Fund columns: which fund, and its currency for money. */
    fundId: Id.optional(),
    currency: z.string().optional(),
  })
  .meta({ id: 'GridColumn' });
export type GridColumnView = z.infer<typeof GridColumnView>;

export const GridContactCell = z.object({ id: Id, name: z.string(), email: z.string().nullable() });
export type GridContactCell = z.infer<typeof GridContactCell>;

export const GridRowView = z
  .object({
    organizationId: Id,
    /** The organization's version. */
    version: z.int().min(1),
    /** Each fund's commitment id and version where one exists. */
    commitments: z.record(z.string(), z.object({ id: Id, version: z.int().min(1) })),
    cells: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'GridRow' });
export type GridRowView = z.infer<typeof GridRowView>;

export const GridView = z
  .object({
    columns: z.array(GridColumnView),
    rows: z.array(GridRowView),
    /** Per fund column field (`fund:<id>:committedAmount` / `expectedAmount`): the sum over the shown rows, by the definitions of docs/metrics.md. */
    totals: z.record(z.string(), z.int()),
  })
  .meta({ id: 'Grid' });
export type GridView = z.infer<typeof GridView>;

export const GridQuery = z.strictObject({
  /** Comma-separated fund ids; absent means the view's funds, or every fund. */
  fundIds: z.string().max(2000).optional(),
  viewId: Id.optional(),
  q: z.string().max(200).optional(),
});
export type GridQuery = z.infer<typeof GridQuery>;

export const GRID_FUND_FIELD = /^fund:([0-9a-f-]{36}):(committedAmount|expectedAmount|stage)$/;
export type GridFundField = 'committedAmount' | 'expectedAmount' | 'stage';

export function gridFundField(fundId: string, field: GridFundField): string {
  return `fund:${fundId}:${field}`;
}

export function parseGridFundField(field: string): { fundId: string; field: GridFundField } | null {
  const match = GRID_FUND_FIELD.exec(field);
  return match ? { fundId: match[1] as string, field: match[2] as GridFundField } : null;
}

export const GridStage = Stage;

/** One line of an investor's outreach log: who wrote what, for which day. Never edited. */
export const OrganizationNoteView = z
  .object({
    id: Id,
    organizationId: Id,
    body: z.string(),
    notedOn: CalendarDate,
    authorId: z.string().nullable(),
    authorName: z.string().nullable(),
    communicationId: Id.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'OrganizationNote' });
export type OrganizationNoteView = z.infer<typeof OrganizationNoteView>;

export const OrganizationNoteCreateInput = z.strictObject({
  body: NonEmptyText(5000),
  /** The day the note is about; default the team's today. */
  notedOn: CalendarDate.optional(),
});
export type OrganizationNoteCreateInput = z.infer<typeof OrganizationNoteCreateInput>;

/** A grid export: a saved view, or an unsaved view's state (POST), with the fund columns to show. */
export const GridExportQuery = z.strictObject({
  viewId: Id.optional(),
  fundIds: z.string().max(2000).optional(),
  q: z.string().max(200).optional(),
  format: z.literal('csv').default('csv'),
});
export type GridExportQuery = z.infer<typeof GridExportQuery>;

export const GridExportBody = z.strictObject({
  state: ViewState,
  fundIds: z.array(Id).max(50).optional(),
  q: z.string().max(200).optional(),
  format: z.literal('csv').default('csv'),
});
export type GridExportBody = z.infer<typeof GridExportBody>;

export const GridCellHistoryQuery = z.strictObject({
  organizationId: Id,
  field: z.string().min(1).max(120),
});
export type GridCellHistoryQuery = z.infer<typeof GridCellHistoryQuery>;

/** One revision of a grid cell, from the activity log. */
export const GridCellRevisionView = z
  .object({
    at: Instant,
    actorName: z.string().nullable(),
    actorKind: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'GridCellRevision' });
export type GridCellRevisionView = z.infer<typeof GridCellRevisionView>;
