import type { CommunicationListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { toUtcIso } from '../kernel/ids.js';
import { containsText, deletedFilter, findRow } from '../kernel/records.js';
import { countTotal } from '../kernel/list-totals.js';
import { orderBySort, resolveListSort, type SortKey } from '../kernel/sorting.js';
import { type CommunicationView, presentCommunications } from './presenter.js';

export const COMMUNICATION_SORTS = {
  occurredAt: { columns: ['m.occurredAt'] },
  createdAt: { columns: ['m.createdAt'] },
  kind: { columns: ['m.kind', 'm.occurredAt'] },
} satisfies Record<string, SortKey>;

export async function getCommunication(core: CoreContext, id: string): Promise<CommunicationView> {
  const [view] = await presentCommunications(core.db, [await findRow(core.db, 'communications', id, 'Communication', { includeDeleted: true })]);
  return view as CommunicationView;
}

function boundary(value: string, end: boolean): string {
  if (value.length === 10) return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  return toUtcIso(value);
}

export async function listCommunications(core: CoreContext, query: CommunicationListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('communications as m');
  if (filter === 'live') base = base.where('m.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('m.deletedAt', 'is not', null);
  if (query.kind) base = base.where('m.kind', '=', query.kind);
  if (query.authorId) base = base.where('m.authorId', '=', query.authorId);
  if (query.from) base = base.where('m.occurredAt', '>=', boundary(query.from, false));
  if (query.to) base = base.where('m.occurredAt', '<=', boundary(query.to, true));
  for (const [field, entityType] of [
    ['contactId', 'contact'],
    ['organizationId', 'organization'],
    ['commitmentId', 'commitment'],
  ] as const) {
    const entityId = query[field];
    if (!entityId) continue;
    base = base.where((eb) => {
      const direct = eb
        .selectFrom('communicationLinks as l')
        .select('l.entityId')
        .whereRef('l.communicationId', '=', 'm.id')
        .where('l.entityType', '=', entityType)
        .where('l.entityId', '=', entityId);
      if (entityType !== 'organization') return eb.exists(direct);
      // An organization's feed includes communications with its people.
      const viaPeople = eb
        .selectFrom('communicationLinks as l2')
        .innerJoin('contactOrganizations as co', 'co.contactId', 'l2.entityId')
        .select('l2.entityId')
        .whereRef('l2.communicationId', '=', 'm.id')
        .where('l2.entityType', '=', 'contact')
        .where('co.organizationId', '=', entityId);
      return eb.or([eb.exists(direct), eb.exists(viaPeople)]);
    });
  }
  if (query.q) {
    const q = query.q;
    base = base.where((eb) => eb.or([containsText(eb.ref('m.subject'), q), containsText(eb.ref('m.body'), q), containsText(eb.ref('m.outcome'), q)]));
  }
  const sort = resolveListSort(query.sort, COMMUNICATION_SORTS, { field: 'occurredAt', direction: 'desc' });
  const [total, rows] = await Promise.all([
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total'))),
    orderBySort(base.selectAll('m'), sort, 'm.id').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentCommunications(core.db, rows), total, limit: query.limit, offset: query.offset };
}
