import type { CommitmentListQuery } from '@lpdesk/contracts';
import type { CoreContext } from '../kernel/context.js';
import { Invalid } from '../kernel/errors.js';
import { containsText, deletedFilter, findRow } from '../kernel/records.js';
import { countTotal } from '../kernel/list-totals.js';
import { orderBySort, resolveListSort, type SortKey } from '../kernel/sorting.js';
import { Stage } from '@lpdesk/contracts';
import { presentCommitment, presentCommitments } from './presenter.js';

export const COMMITMENT_SORTS = {
  organization: { columns: ['o.name', 'o.id'] },
  name: { columns: ['o.name', 'o.id'] },
  createdAt: { columns: ['c.createdAt'] },
  updatedAt: { columns: ['c.updatedAt'] },
  stageChangedAt: { columns: ['c.stageChangedAt'] },
  expectedAmount: { columns: ['c.expectedAmount'], nullable: true },
  committedAmount: { columns: ['c.committedAmount'], nullable: true },
  expectedCloseOn: { columns: ['c.expectedCloseOn'], nullable: true },
} satisfies Record<string, SortKey>;

export function parseStages(value: string): string[] {
  const stages = value.split(',');
  const bad = stages.filter((s) => !Stage.safeParse(s).success);
  if (bad.length > 0) throw new Invalid(`stage: unknown stage(s) ${bad.join(', ')}`, { issues: [{ path: ['stage'], message: 'unknown stage' }] });
  return stages;
}

export async function listCommitments(core: CoreContext, query: CommitmentListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('commitments as c').innerJoin('organizations as o', 'o.id', 'c.organizationId');
  if (filter === 'live') base = base.where('c.deletedAt', 'is', null).where('o.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('c.deletedAt', 'is not', null);
  if (query.fundId) base = base.where('c.fundId', '=', query.fundId);
  if (query.organizationId) base = base.where('c.organizationId', '=', query.organizationId);
  if (query.ownerId) base = base.where('c.ownerId', '=', query.ownerId);
  if (query.stage) base = base.where('c.stage', 'in', parseStages(query.stage));
  if (query.contactId) {
    const contactId = query.contactId;
    base = base.where((eb) =>
      eb.or([
        eb('c.primaryContactId', '=', contactId),
        eb.exists(
          eb
            .selectFrom('contactOrganizations as co')
            .select('co.contactId')
            .whereRef('co.organizationId', '=', 'c.organizationId')
            .where('co.contactId', '=', contactId),
        ),
      ]),
    );
  }
  if (query.tagId) {
    const tagId = query.tagId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entityTags as et')
          .select('et.tagId')
          .whereRef('et.entityId', '=', 'c.id')
          .where('et.entityType', '=', 'commitment')
          .where('et.tagId', '=', tagId),
      ),
    );
  }
  if (query.q) {
    const q = query.q;
    base = base.where((eb) => eb.or([containsText(eb.ref('o.name'), q), containsText(eb.ref('c.nextStep'), q)]));
  }
  const sort = resolveListSort(query.sort, COMMITMENT_SORTS, { field: 'organization', direction: 'asc' });
  const [total, rows] = await Promise.all([
    countTotal(core, base.select((eb) => eb.fn.countAll<number>().as('total'))),
    orderBySort(base.selectAll('c'), sort, 'c.id').limit(query.limit).offset(query.offset).execute(),
  ]);
  return { data: await presentCommitments(core.db, rows), total, limit: query.limit, offset: query.offset };
}

export async function getCommitment(core: CoreContext, id: string) {
  return presentCommitment(core.db, await findRow(core.db, 'commitments', id, 'Commitment', { includeDeleted: true }));
}
