import { z } from 'zod';
import { Id, Instant, ListQueryBase } from './common.js';

export const ActorKind = z.enum(['user', 'api_key', 'agent', 'system', 'automation']);
export type ActorKind = z.infer<typeof ActorKind>;
export const Door = z.enum(['http', 'cli', 'mcp', 'job', 'import']);
export type Door = z.infer<typeof Door>;

export const ActivityListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  entityId: Id.optional(),
  entityType: z.string().max(50).optional(),
  actorId: z.string().max(64).optional(),
  actorKind: ActorKind.optional(),
  action: z.string().max(50).optional(),
  door: Door.optional(),
  /** true: only entries carried over from the legacy audit log; false: only LP Desk's own. */
  historical: z.enum(['true', 'false']).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;
/** The activity CSV (`/api/activity/export`): the list's filters, every entry, newest first. */
export const ActivityExportQuery = ActivityListQuery.omit({ limit: true, offset: true });
export type ActivityExportQuery = z.infer<typeof ActivityExportQuery>;

/** One changed field, as a person reads it: referenced ids replaced by the records' names. */
export const ActivityChange = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ActivityChange = z.infer<typeof ActivityChange>;

export const ActivityEntry = z.object({
  id: Id,
  at: Instant,
  actorKind: ActorKind,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  door: Door,
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The record's name (also when it is in the trash); null when it has none or was purged. */
  entityName: z.string().nullable(),
  /** "Casey changed Owner of Acme Capital from Jane to Sam". */
  summary: z.string(),
  changes: z.array(ActivityChange),
  diff: z.unknown(),
  /** Carried over from the legacy tool's audit log: its original time, actor and action name. */
  historical: z.boolean(),
}).meta({ id: 'ActivityEntry' });
export type ActivityEntry = z.infer<typeof ActivityEntry>;
