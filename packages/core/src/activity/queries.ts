import type { ActivityListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { isNamedType, NameRequests } from './names.js';
import { presentActivityEntry } from './presenter.js';

export async function listActivity(core: CoreContext, query: ActivityListQuery) {
  let base = core.db.selectFrom('activityLog');
  if (query.entityId) base = base.where('entityId', '=', query.entityId);
  if (query.entityType) base = base.where('entityType', '=', query.entityType);
  if (query.actorId) base = base.where('actorId', '=', query.actorId);
  if (query.actorKind) base = base.where('actorKind', '=', query.actorKind);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.door) base = base.where('door', '=', query.door);
  if (query.historical) base = base.where('historical', '=', query.historical === 'true' ? 1 : 0);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
  ]);
  // Names for the whole page at once: one query per record type, not one per row.
  const requests = new NameRequests();
  const diffs = rows.map((row) => JSON.parse(row.diffJson) as unknown);
  rows.forEach((row, index) => {
    if (row.entityId && isNamedType(row.entityType)) requests.add(row.entityType, row.entityId);
    requests.addReferencesIn(diffs[index]);
  });
  const names = await requests.resolve(core.db);
  return { data: rows.map((row, index) => presentActivityEntry(row, diffs[index], names)), total: Number(total), limit: query.limit, offset: query.offset };
}
