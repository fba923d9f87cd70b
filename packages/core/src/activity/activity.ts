import { type ActivityEntry, type ActivityListQuery, ActorKind, Door } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { asEnum } from '../kernel/values.js';

export async function listActivity(core: CoreContext, query: ActivityListQuery) {
  let base = core.db.selectFrom('activityLog');
  if (query.entityId) base = base.where('entityId', '=', query.entityId);
  if (query.entityType) base = base.where('entityType', '=', query.entityType);
  if (query.actorId) base = base.where('actorId', '=', query.actorId);
  if (query.actorKind) base = base.where('actorKind', '=', query.actorKind);
  if (query.action) base = base.where('action', '=', query.action);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  const data: ActivityEntry[] = rows.map((row) => ({
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
  }));
  return { data, total: Number(total), limit: query.limit, offset: query.offset };
}
