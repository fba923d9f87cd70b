import { z } from 'zod';
import { Id, Instant, ListQueryBase } from './common.js';

/** Entities the Trash screen lists, by the name the activity log uses. */
export const TrashEntityType = z.enum(['organization', 'contact', 'commitment', 'communication', 'task', 'tag', 'custom_field']);
export type TrashEntityType = z.infer<typeof TrashEntityType>;

export const TrashListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  entityType: TrashEntityType,
});
export type TrashListQuery = z.infer<typeof TrashListQuery>;

/** One trashed record as the Trash screen shows it: what, when, and who moved it there. */
export const TrashEntry = z
  .object({
    entityType: TrashEntityType,
    id: Id,
    name: z.string(),
    deletedAt: Instant,
    /** Actor id from the record's deleted_by (user, API key, or null for the system). */
    deletedBy: z.string().nullable(),
    /** The name the activity log recorded for that actor when the record was trashed. */
    deletedByName: z.string().nullable(),
  })
  .meta({ id: 'TrashEntry' });
export type TrashEntry = z.infer<typeof TrashEntry>;

/** Money of one fund that leaves the fund's totals with the trashed record's commitments. */
export const TrashImpactFund = z.object({
  fundId: Id,
  fundName: z.string(),
  currency: z.string(),
  commitments: z.int().min(0),
  /** Sum of committed amounts of commitments at Committed or Closed, minor units. */
  committedAmount: z.int(),
  /** Sum of expected amounts of commitments still in the open pipeline, minor units. */
  expectedAmount: z.int(),
});
export type TrashImpactFund = z.infer<typeof TrashImpactFund>;

/**
 * What else changes on which screens when an organization or contact moves to the trash. Nothing
 * listed here is trashed with it; restoring the record brings every screen back as it was.
 */
export const TrashImpact = z
  .object({
    entityType: z.enum(['organization', 'contact']),
    id: Id,
    name: z.string(),
    /** Organization: its live commitments, which leave Pipeline, LP Tracker and Dashboard totals. */
    commitments: z.int().min(0),
    funds: z.array(TrashImpactFund),
    /** Contact: commitments naming them primary contact (they stay, without a primary contact). */
    primaryContactOf: z.int().min(0),
    /** Organization: its people (they stay in Contacts, without this organization). Contact: its organizations. */
    linkedRecords: z.int().min(0),
    /** Open tasks linked to the record (they stay in Tasks, linked to a trashed record). */
    openTasks: z.int().min(0),
    /** Communications linked to the record (they stay in the feed). */
    communications: z.int().min(0),
  })
  .meta({ id: 'TrashImpact' });
export type TrashImpact = z.infer<typeof TrashImpact>;
