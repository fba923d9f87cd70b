import { AccreditationStatus, LP_TRACKER_SORTS, type LpTracker, type LpTrackerQuery, type LpTrackerRow } from '@lpdesk/contracts';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { presentCommitments } from '../commitments/presenter.js';
import { isCommittedStageSql, stageAmountSql } from '../commitments/rules.js';
import { type CoreContext, today } from '../kernel/context.js';
import { containsText, resolveSort } from '../kernel/records.js';
import { asNullableEnum } from '../kernel/values.js';
import { fundSummary, pickFund } from './fund.js';
import { investorIsLive } from './live-investors.js';

type SortField = (typeof LP_TRACKER_SORTS)[number];

const SORT_COLUMNS = {
  committedAmount: 'c.committedAmount',
  fundedAmount: 'c.fundedAmount',
  name: 'investorName',
  stage: 'c.stage',
} as const satisfies Record<SortField, string>;
type SortColumn = (typeof SORT_COLUMNS)[SortField];

/** The investor's name is read per row only when the page is sorted by it. */
function sortKey(column: SortColumn) {
  if (column !== 'investorName') return column;
  return (eb: ExpressionBuilder<Database & { c: Database['commitments'] }, 'c'>) =>
    eb.selectFrom('organizations as o').select('o.name').whereRef('o.id', '=', 'c.organizationId');
}

/** Amounts may be unknown; a missing amount sorts as the smallest on both dialects (SQLite's own order). */
const NULLABLE_COLUMNS: ReadonlySet<SortColumn> = new Set(['c.committedAmount', 'c.fundedAmount']);

const EMPTY_SUMMARY = { committedAmount: 0, fundedAmount: 0, averageCommitment: 0, lpCount: 0 };

/** The year before the team's current one: K-1s go out for the tax year just ended. */
export const defaultK1TaxYear = (core: CoreContext): number => Number(today(core).slice(0, 4)) - 1;

/**
 * Live committed and closed commitments of live investors in one fund, with the query's filters.
 * Only the commitments table is scanned; organizations and contacts are probed per row where a
 * filter needs them, so the totals over thousands of LPs stay an index scan.
 */
function lpRows(core: CoreContext, fundId: string, query: LpTrackerQuery) {
  let base = core.db
    .selectFrom('commitments as c')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where(isCommittedStageSql('c'))
    .where(investorIsLive(core.db, 'c'));
  if (query.q) {
    const q = query.q;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organizations as o')
          .select('o.id')
          .whereRef('o.id', '=', 'c.organizationId')
          .where((sub) => containsText(sub.ref('o.name'), q)),
      ),
    );
  }
  switch (query.missing) {
    case 'subscriptionDocs':
      base = base.where('c.subscriptionDocsSignedOn', 'is', null);
      break;
    case 'wire':
      base = base.where('c.wireReceivedOn', 'is', null);
      break;
    case 'k1': {
      const taxYear = query.k1TaxYear ?? defaultK1TaxYear(core);
      base = base.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('commitmentK1s as k').select('k.taxYear').whereRef('k.commitmentId', '=', 'c.id').where('k.taxYear', '=', taxYear))),
      );
      break;
    }
    case 'accreditation':
      // No primary contact, or one whose accreditation is not verified.
      base = base.where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('contacts as pc').select('pc.id').whereRef('pc.id', '=', 'c.primaryContactId').where('pc.accreditationStatus', '=', 'verified'),
          ),
        ),
      );
      break;
    case undefined:
      break;
  }
  return base;
}

/** The totals over every LP the filters match. */
export function lpTotalsQuery(core: CoreContext, fundId: string, query: LpTrackerQuery) {
  // The rows are in committed stages only, where the stage amount is the committed amount (reports/metrics.ts).
  return lpRows(core, fundId, query).select((eb) => [
    eb.fn.countAll().as('lpCount'),
    sql`sum(${stageAmountSql('c')})`.as('committedAmount'),
    eb.fn.sum('c.fundedAmount').as('fundedAmount'),
  ]);
}

/** One page of LPs with the primary contact's accreditation, in a stable order (the id breaks ties). */
export function lpPageQuery(core: CoreContext, fundId: string, query: LpTrackerQuery) {
  const sort = resolveSort(query.sort, SORT_COLUMNS, { column: 'c.committedAmount', direction: 'desc' });
  return lpRows(core, fundId, query)
    .leftJoin('contacts as pc', 'pc.id', 'c.primaryContactId')
    .selectAll('c')
    .select(['pc.accreditationStatus as primaryAccreditationStatus', 'pc.qualifiedPurchaser as primaryQualifiedPurchaser'])
    .orderBy(sortKey(sort.column), (ob) => {
      if (!NULLABLE_COLUMNS.has(sort.column)) return sort.direction === 'desc' ? ob.desc() : ob.asc();
      return sort.direction === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst();
    })
    .orderBy('c.id')
    .limit(query.limit)
    .offset(query.offset);
}

/** LPs of one fund with their paperwork: one page of rows, and totals over every LP the filters match. */
export async function lpTracker(core: CoreContext, query: LpTrackerQuery): Promise<LpTracker> {
  const page = { limit: query.limit, offset: query.offset };
  // A bad sort is refused before anything else, whether or not there is a fund.
  resolveSort(query.sort, SORT_COLUMNS, { column: 'c.committedAmount', direction: 'desc' });
  const fund = await pickFund(core, query.fundId);
  if (!fund) return { fund: null, summary: EMPTY_SUMMARY, rows: [], total: 0, ...page };
  const [totals, pageRows] = await Promise.all([lpTotalsQuery(core, fund.id, query).executeTakeFirstOrThrow(), lpPageQuery(core, fund.id, query).execute()]);
  const lpCount = Number(totals.lpCount);
  const committedAmount = Number(totals.committedAmount ?? 0);
  const views = await presentCommitments(core.db, pageRows);
  const rows: LpTrackerRow[] = views.map((view, index) => {
    const primary = pageRows[index];
    const qualifiedPurchaser = primary?.primaryQualifiedPurchaser ?? null;
    return {
      ...view,
      accreditationStatus: asNullableEnum(AccreditationStatus, primary?.primaryAccreditationStatus ?? null),
      qualifiedPurchaser: qualifiedPurchaser === null ? null : qualifiedPurchaser === 1,
    };
  });
  return {
    fund: fundSummary(fund),
    summary: {
      committedAmount,
      fundedAmount: Number(totals.fundedAmount ?? 0),
      averageCommitment: lpCount ? Math.round(committedAmount / lpCount) : 0,
      lpCount,
    },
    rows,
    total: lpCount,
    ...page,
  };
}
