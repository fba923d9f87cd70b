import type { CommitmentListQuery } from '@lpdesk/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
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

/** The filters the commitments list, the pipeline board and the metrics share, so they pick the same rows. */
export interface CommitmentFilters {
  fundId?: string | undefined;
  organizationId?: string | undefined;
  ownerId?: string | undefined;
  stages?: readonly string[] | undefined;
  contactId?: string | undefined;
  tagId?: string | undefined;
  /** Part of the investor's name or of the next step. */
  q?: string | undefined;
}

type CommitmentScope = ExpressionBuilder<Database & { c: Database['commitments'] }, 'c'>;

/** `filters` as one condition on the commitment aliased `c`; no filter is `true`. */
export function matchesCommitmentFilters(filters: CommitmentFilters) {
  return (eb: CommitmentScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.fundId) conditions.push(eb('c.fundId', '=', filters.fundId));
    if (filters.organizationId) conditions.push(eb('c.organizationId', '=', filters.organizationId));
    if (filters.ownerId) conditions.push(eb('c.ownerId', '=', filters.ownerId));
    if (filters.stages) conditions.push(eb('c.stage', 'in', [...filters.stages]));
    const { contactId, tagId, q } = filters;
    if (contactId) {
      conditions.push(
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
    if (tagId) {
      conditions.push(
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
    if (q) {
      const investorNamed = eb
        .selectFrom('organizations as named')
        .select('named.id')
        .whereRef('named.id', '=', 'c.organizationId')
        .where((sub) => containsText(sub.ref('named.name'), q));
      conditions.push(eb.or([eb.exists(investorNamed), containsText(eb.ref('c.nextStep'), q)]));
    }
    return eb.and(conditions);
  };
}

export async function listCommitments(core: CoreContext, query: CommitmentListQuery) {
  const filter = deletedFilter(query.deleted);
  let base = core.db.selectFrom('commitments as c').innerJoin('organizations as o', 'o.id', 'c.organizationId');
  if (filter === 'live') base = base.where('c.deletedAt', 'is', null).where('o.deletedAt', 'is', null);
  if (filter === 'trash') base = base.where('c.deletedAt', 'is not', null);
  const { fundId, organizationId, ownerId, contactId, tagId, q } = query;
  base = base.where(matchesCommitmentFilters({ fundId, organizationId, ownerId, contactId, tagId, q, stages: query.stage ? parseStages(query.stage) : undefined }));
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
