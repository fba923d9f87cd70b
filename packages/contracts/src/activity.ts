import { z } from 'zod';
import { Id, Instant, ListQueryBase } from './common.js';

export const ActorKind = z.enum(['user', 'api_key', 'agent', 'system']);
export type ActorKind = z.infer<typeof ActorKind>;
export const Door = z.enum(['http', 'cli', 'mcp', 'job']);
export type Door = z.infer<typeof Door>;

export const ActivityListQuery = z.strictObject({
  limit: ListQueryBase.shape.limit,
  offset: ListQueryBase.shape.offset,
  entityId: Id.optional(),
  entityType: z.string().max(50).optional(),
  actorId: z.string().max(64).optional(),
  actorKind: ActorKind.optional(),
  action: z.string().max(50).optional(),
});
export type ActivityListQuery = z.infer<typeof ActivityListQuery>;

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
  diff: z.unknown(),
}).meta({ id: 'ActivityEntry' });
export type ActivityEntry = z.infer<typeof ActivityEntry>;
