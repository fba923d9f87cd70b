import { CLOSED_STAGES, COMMITTED_STAGES, type FundProgressQuery, type FundProgressReport } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { stageListSql } from '../../commitments/rules.js';
import type { Row } from '../../db/schema.js';
import type { CoreContext } from '../../kernel/context.js';
import { pickFund } from '../fund.js';
import { investorIsLive } from '../live-investors.js';
import { metricTotals, stageSums } from '../metrics.js';
import { type Bucket, bucketFor, bucketIndexSql, num, rangeBuckets, resolveRange } from './range.js';
import { reportFund } from './scope.js';

/** The default range: the last year. */
const DEFAULT_DAYS = 365;

/**
 * Each stage change of the fund's live commitments (of live investors) as a change of the committed
 * and closed totals, with the index of the bucket it falls in: + the commitment's committed amount
 * when it enters a committed (closed) stage from outside, − when it leaves. The history records
 * stages, not amounts, so every step uses the commitment's current committed amount; summed over all
 * changes the totals equal today's metrics.
 */
function stageDeltas(core: CoreContext, fundId: string, buckets: readonly Bucket[]) {
  const inSet = (column: string, stages: typeof COMMITTED_STAGES) => sql<number>`case when ${sql.ref(column)} in ${stageListSql(stages)} then 1 else 0 end`;
  const amount = sql<number>`coalesce(${sql.ref('c.committedAmount')}, 0)`;
  const last = buckets[buckets.length - 1] as Bucket;
  return core.db
    .selectFrom('stageChanges as sc')
    .innerJoin('commitments as c', 'c.id', 'sc.commitmentId')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(core.db, 'c'))
    .where('sc.changedAt', '<', last.endAt)
    .select([
      bucketIndexSql(sql.ref('sc.changedAt'), buckets).as('idx'),
      sql<number>`${amount} * (${inSet('sc.toStage', COMMITTED_STAGES)} - ${inSet('sc.fromStage', COMMITTED_STAGES)})`.as('committedDelta'),
      sql<number>`${amount} * (${inSet('sc.toStage', CLOSED_STAGES)} - ${inSet('sc.fromStage', CLOSED_STAGES)})`.as('closedDelta'),
    ]);
}

/**
 * Committed and closed as of the end of each bucket. Each change lands in the one bucket holding it
 * (a first, open-ended bucket takes the history before the range), in one pass over the changes;
 * a running sum over the buckets with changes, in SQL, turns the per-bucket changes into totals. The buckets must
 * be in order and not overlap.
 */
async function cumulativeAt(core: CoreContext, fundId: string, ends: readonly Bucket[]) {
  if (ends.length === 0) return [];
  const first = ends[0] as Bucket;
  const withHistory: Bucket[] = [{ date: first.date, startAt: '0000', endAt: first.startAt }, ...ends];
  const rows = await core.db
    .selectFrom(stageDeltas(core, fundId, withHistory).as('d'))
    .where('d.idx', 'is not', null)
    .groupBy('d.idx')
    .orderBy('d.idx')
    .select([
      'd.idx',
      sql`sum(sum(${sql.ref('d.committedDelta')})) over (order by ${sql.ref('d.idx')})`.as('committed'),
      sql`sum(sum(${sql.ref('d.closedDelta')})) over (order by ${sql.ref('d.idx')})`.as('closed'),
    ])
    .execute();
  // The running totals come only for buckets with a change; a bucket without one keeps the total before it.
  const totals: { committedAmount: number; closedAmount: number }[] = [];
  let latest = { committedAmount: 0, closedAmount: 0 };
  let next = 0;
  for (let idx = 0; idx < withHistory.length; idx += 1) {
    const row = rows[next];
    if (row && num(row.idx) === idx) {
      latest = { committedAmount: num(row.committed), closedAmount: num(row.closed) };
      next += 1;
    }
    if (idx > 0) totals.push(latest);
  }
  return totals;
}

/** Closed commitments by the month of the range in which they last entered closed. */
async function closedByMonth(core: CoreContext, fundId: string, months: readonly Bucket[]) {
  if (months.length === 0) return [];
  const lastClosing = core.db
    .selectFrom('stageChanges as sc')
    .innerJoin('commitments as c', 'c.id', 'sc.commitmentId')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where('c.stage', 'in', CLOSED_STAGES)
    .where(investorIsLive(core.db, 'c'))
    .where('sc.toStage', 'in', CLOSED_STAGES)
    .groupBy(['c.id', 'c.committedAmount'])
    .select([sql<string>`max(${sql.ref('sc.changedAt')})`.as('at'), sql<number>`coalesce(${sql.ref('c.committedAmount')}, 0)`.as('amount')]);
  const rows = await core.db
    .selectFrom(lastClosing.as('k'))
    .select([bucketIndexSql(sql.ref('k.at'), months).as('idx'), (eb) => eb.fn.countAll().as('count'), sql`sum(${sql.ref('k.amount')})`.as('amount')])
    .groupBy(sql`1`)
    .execute();
  return rows
    .filter((r) => r.idx !== null)
    .sort((a, b) => num(a.idx) - num(b.idx))
    .map((r) => ({ month: (months[num(r.idx)]?.date ?? '').slice(0, 7), count: num(r.count), closedAmount: num(r.amount) }));
}

function closes(fund: Row<'funds'>): { close: 'first' | 'final'; date: string }[] {
  const list: { close: 'first' | 'final'; date: string }[] = [];
  if (fund.firstCloseOn) list.push({ close: 'first', date: fund.firstCloseOn });
  if (fund.finalCloseOn) list.push({ close: 'final', date: fund.finalCloseOn });
  return list;
}

/** Target vs soft-circled, committed, closed and funded now, and committed and closed over time. */
export async function fundProgress(core: CoreContext, query: FundProgressQuery): Promise<FundProgressReport> {
  const range = resolveRange(core, query, DEFAULT_DAYS);
  const bucket = bucketFor(range);
  const timeZone = core.settings.timeZone;
  const buckets = rangeBuckets(range, bucket, timeZone);
  const fund = await pickFund(core, query.fundId);
  const empty = { committedAmount: 0, closedAmount: 0 };
  if (!fund) {
    return {
      fund: null,
      from: range.from,
      to: range.to,
      bucket,
      targetAmount: null,
      softCircledAmount: 0,
      committedAmount: 0,
      closedAmount: 0,
      fundedAmount: 0,
      series: buckets.map((b) => ({ date: b.date, ...empty })),
      byClose: [],
      closedByMonth: [],
    };
  }
  const closeDates = closes(fund);
  // One bucket per close date: its end is the start of the following day.
  // The closes as back-to-back buckets, each ending when its close day ends (in date order).
  const dayEnd = (date: string) => resolveRange(core, { from: date, to: date }, 1).endAt;
  const sortedCloses = [...closeDates].sort((a, b) => a.date.localeCompare(b.date));
  const closeEnds = sortedCloses.map(({ date }, i) => ({
    date,
    startAt: i === 0 ? resolveRange(core, { from: date, to: date }, 1).startAt : dayEnd(sortedCloses[i - 1]?.date ?? date),
    endAt: dayEnd(date),
  }));
  const [sums, series, atCloses, closedMonths] = await Promise.all([
    stageSums(core.db, { fundId: fund.id }),
    cumulativeAt(core, fund.id, buckets),
    cumulativeAt(core, fund.id, closeEnds),
    closedByMonth(core, fund.id, rangeBuckets(range, 'month', timeZone)),
  ]);
  const totals = metricTotals(sums);
  return {
    fund: reportFund(fund),
    from: range.from,
    to: range.to,
    bucket,
    targetAmount: fund.targetAmount,
    softCircledAmount: totals.softCircled,
    committedAmount: totals.committed,
    closedAmount: totals.closed,
    fundedAmount: totals.funded,
    series: buckets.map((b, i) => ({ date: b.date, ...(series[i] ?? empty) })),
    byClose: closeDates.map((c) => ({ ...c, ...(atCloses[sortedCloses.indexOf(c)] ?? empty) })),
    closedByMonth: closedMonths,
  };
}
