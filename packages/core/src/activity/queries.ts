import type { ActivityListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { presentActivityEntry } from './presenter.js';

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
  return { data: rows.map(presentActivityEntry), total: Number(total), limit: query.limit, offset: query.offset };
}
