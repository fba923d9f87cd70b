import { z } from 'zod';
import { Id } from './common.js';

/** Entities whose fields a batch can change: the grid's and the importers' records. */
export const BatchEntityType = z.enum(['organization', 'contact', 'fund', 'commitment', 'communication', 'task']);
export type BatchEntityType = z.infer<typeof BatchEntityType>;

export const BatchChange = z.strictObject({
  entityType: BatchEntityType,
  entityId: Id,
  /** A field as the API names it (`name`, `stage`, `expectedAmount`, …) or `customFields.<key>`. */
  field: z.string().min(1).max(120),
  value: z.unknown(),
  /** The value the client last saw; if the stored value differs, nothing in the batch applies. */
  expected: z.unknown().optional(),
});
export type BatchChange = z.infer<typeof BatchChange>;

export const BatchInput = z.strictObject({
  changes: z.array(BatchChange).min(1).max(1000),
});
export type BatchInput = z.infer<typeof BatchInput>;

export interface BatchConflict {
  entityType: BatchEntityType;
  entityId: string;
  field: string;
  current: unknown;
}

export const BatchResultView = z
  .object({
    /** How many field changes were applied. */
    applied: z.int().min(0),
    /** Each changed record as it now stands (the same shape its collection's GET returns). */
    records: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'BatchResult' });
export type BatchResultView = z.infer<typeof BatchResultView>;
