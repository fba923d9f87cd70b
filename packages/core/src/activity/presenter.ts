import { type ActivityEntry, ActorKind, Door } from '@lpdesk/contracts';
import type { Row } from '../db/schema.js';
import { asEnum } from '../kernel/values.js';

export function presentActivityEntry(row: Row<'activityLog'>): ActivityEntry {
  return {
    id: row.id,
    at: row.at,
    actorKind: asEnum(ActorKind, row.actorKind),
    actorId: row.actorId,
    actorName: row.actorName,
    door: asEnum(Door, row.door),
    requestId: row.requestId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    diff: JSON.parse(row.diffJson) as unknown,
  };
}
