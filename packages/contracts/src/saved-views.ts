import { z } from 'zod';
import { Id, Instant, NonEmptyText } from './common.js';
import { FilterGroup } from './filters.js';
import { Ref } from './views.js';

/** Screens that keep saved views. */
export const ViewScreen = z.enum(['grid', 'contacts', 'organizations', 'pipeline', 'tasks', 'communications']);
export type ViewScreen = z.infer<typeof ViewScreen>;

export const ViewSort = z.strictObject({ field: z.string().min(1).max(120), direction: z.enum(['asc', 'desc']) });
export type ViewSort = z.infer<typeof ViewSort>;

/** A column as the view shows it: order is the array's order. */
export const ViewColumn = z.strictObject({
  field: z.string().min(1).max(120),
  width: z.int().min(30).max(2000).optional(),
  hidden: z.boolean().optional(),
});
export type ViewColumn = z.infer<typeof ViewColumn>;

/**
 * What a view remembers. The grid applies `filters` (the filter language of `filters.ts`) on the
 * server; list screens keep their own URL filters in `query` (ownerId, tagId, stage, kind, tab…) and
 * may add `filters` too. Columns not named keep their default place and visibility.
 */
export const ViewState = z
  .strictObject({
    filters: FilterGroup.optional(),
    sort: z.array(ViewSort).max(5).default([]),
    groupBy: z.string().max(120).nullable().default(null),
    columns: z.array(ViewColumn).max(500).default([]),
    search: z.string().max(200).optional(),
    query: z.record(z.string().max(50), z.string().max(500)).optional(),
    /** Grid only: which funds get columns, in order; absent means every fund. */
    fundIds: z.array(Id).max(50).optional(),
  })
  .meta({ id: 'ViewState' });
export type ViewState = z.infer<typeof ViewState>;

export const SavedViewCreateInput = z.strictObject({
  name: NonEmptyText(100),
  screen: ViewScreen,
  /** Shared views are visible to everyone; private ones only to their owner. */
  shared: z.boolean().default(false),
  state: ViewState,
});
export type SavedViewCreateInput = z.infer<typeof SavedViewCreateInput>;

export const SavedViewUpdateInput = z
  .strictObject({ name: NonEmptyText(100), shared: z.boolean(), state: ViewState })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { error: 'nothing to change' });
export type SavedViewUpdateInput = z.infer<typeof SavedViewUpdateInput>;

export const SavedViewListQuery = z.strictObject({ screen: ViewScreen.optional() });
export type SavedViewListQuery = z.infer<typeof SavedViewListQuery>;

export const SavedViewView = z
  .object({
    id: Id,
    version: z.int().min(1),
    name: z.string(),
    screen: ViewScreen,
    shared: z.boolean(),
    state: ViewState,
    ownerId: z.string().nullable(),
    owner: Ref.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedViewView>;
