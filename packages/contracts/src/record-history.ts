import { z } from 'zod';
import { Id, Instant } from './common.js';

/**
 * One change to a record as its history shows it, read from the activity log: who, when, what
 * (create, update, delete, restore) and the changed fields before and after.
 */
export const RecordChange = z
  .object({
    id: Id,
    at: Instant,
    action: z.string(),
    actorName: z.string().nullable(),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'RecordChange' });
export type RecordChange = z.infer<typeof RecordChange>;

/** A record's changes, oldest first. */
export const RecordHistory = z.array(RecordChange);
export type RecordHistory = z.infer<typeof RecordHistory>;
