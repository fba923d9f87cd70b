import { COMMITTED_STAGES, type ConversionQuery, type ConversionReport, PIPELINE_STAGES, type Stage } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { stageListSql } from '../../commitments/rules.js';
import type { CoreContext } from '../../kernel/context.js';
import { pickFund } from '../fund.js';
import { investorIsLive } from '../live-investors.js';
import { type Bucket, bucketIndexSql, epochDaysSql, num, rangeBuckets, ratio, resolveRange, type ReportRange } from './range.js';
import { reportFund } from './scope.js';

/** Lead to committed: closed is where the road ends, so nothing converts out of it. */
const CONVERSION_STAGES: readonly Stage[] = PIPELINE_STAGES.filter((stage) => stage !== 'closed');
const DEFAULT_DAYS = 365;

/** A stage's place in the pipeline; declined has none (null), so it is never "a later stage". */
function stageRankSql(column: RawBuilder<unknown>): RawBuilder<number | null> {
  const cases = PIPELINE_STAGES.map((stage, rank) => sql`when ${sql.lit(stage)} then ${sql.lit(rank)}`);
  return sql<number | null>`(case ${column} ${sql.join(cases, sql` `)} end)`;
}

/**
 * The cohort: live commitments of the fund (live investors) that entered the pipeline in the range,
 * entering being their first stage change (creation writes one). Columns id, stage, declined_reason,
 * entered_at.
 */
function cohortQuery(core: CoreContext, fundId: string, range: ReportRange) {
  const enteredAt = sql<string>`min(${sql.ref('sc.changedAt')})`;
  return core.db
    .selectFrom('commitments as c')
    .innerJoin('stageChanges as sc', 'sc.commitmentId', 'c.id')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(core.db, 'c'))
    .groupBy(['c.id', 'c.stage', 'c.declinedReason'])
    .having(enteredAt, '>=', range.startAt)
    .having(enteredAt, '<', range.endAt)
    .select(['c.id', 'c.stage', 'c.declinedReason', enteredAt.as('enteredAt')]);
}
type Cohort = ReturnType<typeof cohortQuery>;

/**
 * Per stage (and cohort month when `months` is given): how many cohort commitments entered it (a
 * stage change into it; a skipped stage is not entered, a re-entry counts once) and how many of
 * those later moved to any later pipeline stage after first entering it.
 */
async function stageCounts(core: CoreContext, cohort: Cohort, months: readonly Bucket[] | null) {
  // Every cohort commitment entered within the range, so it falls in exactly one month.
  const monthKey = months ? bucketIndexSql(sql`k.entered_at`, months) : sql`0`;
  const result = await sql<{ stage: string; month: number; entered: unknown; advanced: unknown }>`
    with k as ${cohort},
    e as (
      select sc.commitment_id, sc.to_stage as stage, min(sc.changed_at) as first_at, ${monthKey} as month
      from stage_changes sc join k on k.id = sc.commitment_id
      where sc.to_stage in ${stageListSql(CONVERSION_STAGES)}
      group by sc.commitment_id, sc.to_stage, k.entered_at
    )
    select e.stage, e.month, count(*) as entered,
      sum(case when exists (
        select 1 from stage_changes later
        where later.commitment_id = e.commitment_id and later.changed_at > e.first_at
          and ${stageRankSql(sql`later.to_stage`)} > ${stageRankSql(sql`e.stage`)}
      ) then 1 else 0 end) as advanced
    from e group by e.stage, e.month`.execute(core.db);
  return result.rows.map((r) => ({ stage: r.stage, month: num(r.month), entered: num(r.entered), advanced: num(r.advanced) }));
}

/**
 * Days in each stage: every completed stay (from entering the stage to the next stage change) of a
 * cohort commitment, stays in the same stage added up per commitment; then the nearest-rank median
 * (rank ⌈n/2⌉) and 75th percentile (rank ⌈3n/4⌉) over commitments. A stay still running is not counted.
 */
async function stageDays(core: CoreContext, cohort: Cohort) {
  const days = (column: string) => epochDaysSql(core.dialect, sql.raw(column));
  const result = await sql<{ stage: string; median: unknown; p75: unknown }>`
    with k as ${cohort},
    stays as (
      select sc.commitment_id, sc.to_stage as stage, sc.changed_at as entered_at,
        lead(sc.changed_at) over (partition by sc.commitment_id order by sc.changed_at, sc.id) as left_at
      from stage_changes sc join k on k.id = sc.commitment_id
    ),
    per_commitment as (
      select stage, sum(${days('left_at')} - ${days('entered_at')}) as days
      from stays where left_at is not null and stage in ${stageListSql(CONVERSION_STAGES)}
      group by commitment_id, stage
    ),
    ranked as (
      select stage, days, row_number() over (partition by stage order by days) as rn, count(*) over (partition by stage) as n
      from per_commitment
    )
    select stage,
      max(case when rn = (n + 1) / 2 then days end) as median,
      max(case when rn = (3 * n + 3) / 4 then days end) as p75
    from ranked group by stage`.execute(core.db);
  const oneDecimal = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10);
  return new Map(result.rows.map((r) => [r.stage, { medianDays: oneDecimal(r.median), p75Days: oneDecimal(r.p75) }]));
}

async function outcomes(core: CoreContext, cohort: Cohort) {
  const result = await sql<{ won: unknown; lost: unknown }>`
    select sum(case when k.stage in ${stageListSql(COMMITTED_STAGES)} then 1 else 0 end) as won,
      sum(case when k.stage = 'declined' then 1 else 0 end) as lost
    from ${cohort} k`.execute(core.db);
  const won = num(result.rows[0]?.won);
  const lost = num(result.rows[0]?.lost);
  return { won, lost, rate: ratio(won, won + lost) };
}

async function declinedReasons(core: CoreContext, cohort: Cohort) {
  const result = await sql<{ reason: string | null; count: unknown }>`
    select coalesce(nullif(trim(k.declined_reason), ''), '(no reason)') as reason, count(*) as count
    from ${cohort} k where k.stage = 'declined'
    group by coalesce(nullif(trim(k.declined_reason), ''), '(no reason)')`.execute(core.db);
  return result.rows.map((r) => ({ reason: String(r.reason), count: num(r.count) })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

async function cohortSizes(core: CoreContext, cohort: Cohort, months: readonly Bucket[]) {
  const result = await sql<{ month: unknown; size: unknown }>`
    select ${bucketIndexSql(sql`k.entered_at`, months)} as month, count(*) as size
    from ${cohort} k
    group by 1`.execute(core.db);
  return new Map(result.rows.map((r) => [num(r.month), num(r.size)]));
}

const counts = (rows: { stage: string; entered: number; advanced: number }[], stage: Stage) => {
  const found = rows.find((r) => r.stage === stage);
  const entered = found?.entered ?? 0;
  const advanced = found?.advanced ?? 0;
  return { stage, entered, advanced, conversion: ratio(advanced, entered) };
};

/** Stage-to-stage conversion by cohort, days in stage, win rate and declined reasons (docs/reports.md). */
export async function conversion(core: CoreContext, query: ConversionQuery): Promise<ConversionReport> {
  const range = resolveRange(core, query, DEFAULT_DAYS);
  const fund = await pickFund(core, query.fundId);
  if (!fund) {
    return {
      fund: null,
      from: range.from,
      to: range.to,
      stages: CONVERSION_STAGES.map((stage) => ({ ...counts([], stage), medianDays: null, p75Days: null })),
      cohorts: [],
      winRate: { won: 0, lost: 0, rate: null },
      declinedReasons: [],
    };
  }
  const cohort = cohortQuery(core, fund.id, range);
  const months = rangeBuckets(range, 'month', core.settings.timeZone);
  const [overall, byMonth, days, winRate, reasons, sizes] = await Promise.all([
    stageCounts(core, cohort, null),
    stageCounts(core, cohort, months),
    stageDays(core, cohort),
    outcomes(core, cohort),
    declinedReasons(core, cohort),
    cohortSizes(core, cohort, months),
  ]);
  return {
    fund: reportFund(fund),
    from: range.from,
    to: range.to,
    stages: CONVERSION_STAGES.map((stage) => ({
      ...counts(overall, stage),
      medianDays: days.get(stage)?.medianDays ?? null,
      p75Days: days.get(stage)?.p75Days ?? null,
    })),
    cohorts: months.flatMap((month, idx) => {
      const size = sizes.get(idx) ?? 0;
      if (size === 0) return [];
      const rows = byMonth.filter((r) => r.month === idx);
      return [{ month: month.date.slice(0, 7), size, stages: CONVERSION_STAGES.map((stage) => counts(rows, stage)) }];
    }),
    winRate,
    declinedReasons: reasons,
  };
}
