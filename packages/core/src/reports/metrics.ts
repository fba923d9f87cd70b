import { METRIC_DEFINITIONS, type MetricTotals, OPEN_STAGES, PIPELINE_STAGES, Stage, type StageMetric } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { type CommitmentFilters, matchesCommitmentFilters } from '../commitments/queries.js';
import { effectiveProbabilitySql, isCommittedStageSql, isOpenStageSql, stageAmountSql } from '../commitments/rules.js';
import type { Db } from '../db/connect.js';
import { asEnum } from '../kernel/values.js';
import { investorIsLive } from './live-investors.js';

/**
 * The one place money totals come from (docs/metrics.md). Every screen that shows a total — the
 * pipeline's columns and header, the dashboard's KPIs and stage bars, the LP tracker's summary, an
 * organization's totals — reads it from `stageMetricsQuery` below, so they cannot disagree.
 *
 * The query sums, per fund and stage, each commitment's stage amount (`stageAmountSql`: committed in
 * committed stages, expected elsewhere), its funded amount and its probability-weighted amount, over
 * live commitments of live investors. Each metric of METRIC_DEFINITIONS is then a sum over its stages.
 */

/** One stage of one fund, as the database summed it. */
export interface StageSums {
  fundId: string;
  stage: Stage;
  count: number;
  /** Σ stage amount. */
  amount: number;
  fundedAmount: number;
  /** Σ stage amount × effective probability: exact integers, divided by 100 once at the end. */
  weightedAmountPercent: number;
}

/** PostgreSQL answers sum() over bigint as numeric (a string) and sum() over nothing as null. */
const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Counts and sums per fund and stage of the live commitments matching `filters`: at most eight rows per fund. */
export function stageMetricsQuery(db: Db, filters: CommitmentFilters) {
  return db
    .selectFrom('commitments as c')
    .where(matchesCommitmentFilters(filters))
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(db, 'c'))
    .groupBy(['c.fundId', 'c.stage'])
    .select([
      'c.fundId',
      'c.stage',
      (eb) => eb.fn.countAll().as('count'),
      sql`sum(${stageAmountSql('c')})`.as('amount'),
      (eb) => eb.fn.sum('c.fundedAmount').as('fundedAmount'),
      sql`sum(${stageAmountSql('c')} * ${effectiveProbabilitySql('c')})`.as('weightedAmountPercent'),
    ]);
}

export async function stageSums(db: Db, filters: CommitmentFilters): Promise<StageSums[]> {
  const rows = await stageMetricsQuery(db, filters).execute();
  return rows.map((row) => ({
    fundId: row.fundId,
    stage: asEnum(Stage, row.stage),
    count: toNumber(row.count),
    amount: toNumber(row.amount),
    fundedAmount: toNumber(row.fundedAmount),
    weightedAmountPercent: toNumber(row.weightedAmountPercent),
  }));
}

const inStages = (sums: StageSums[], stages: readonly Stage[]) => sums.filter((s) => stages.includes(s.stage));
const total = (sums: StageSums[], field: 'count' | 'amount' | 'fundedAmount' | 'weightedAmountPercent') => sums.reduce((sum, s) => sum + s[field], 0);

/** A metric of METRIC_DEFINITIONS: its amount column summed over its stages (the stage amount is that column there). */
function metric(sums: StageSums[], name: keyof typeof METRIC_DEFINITIONS): number {
  const definition = METRIC_DEFINITIONS[name];
  return total(inStages(sums, definition.stages), definition.amount === 'fundedAmount' ? 'fundedAmount' : 'amount');
}

/** The metrics of one fund from its stage sums. */
export function metricTotals(sums: StageSums[]): MetricTotals {
  const open = inStages(sums, OPEN_STAGES);
  return {
    expected: metric(sums, 'expected'),
    softCircled: metric(sums, 'softCircled'),
    committed: metric(sums, 'committed'),
    closed: metric(sums, 'closed'),
    funded: metric(sums, 'funded'),
    weighted: Math.round(total(open, 'weightedAmountPercent') / 100),
    openCount: total(open, 'count'),
    lpCount: total(inStages(sums, METRIC_DEFINITIONS.committed.stages), 'count'),
    declinedCount: total(inStages(sums, ['declined']), 'count'),
  };
}

/** One stage's count and amount, zeros when nothing is in it. */
export function stageMetric(sums: StageSums[], stage: Stage): StageMetric {
  const found = sums.find((s) => s.stage === stage);
  return { stage, count: found?.count ?? 0, amount: found?.amount ?? 0 };
}

/** Pipeline by stage: lead to closed in board order, zeros included. Declined is not pipeline. */
export const pipelineStages = (sums: StageSums[]): StageMetric[] => PIPELINE_STAGES.map((stage) => stageMetric(sums, stage));

/** The stage sums of each fund in `sums`, keyed by fund id. */
export function byFund(sums: StageSums[]): Map<string, StageSums[]> {
  const funds = new Map<string, StageSums[]>();
  for (const row of sums) funds.set(row.fundId, [...(funds.get(row.fundId) ?? []), row]);
  return funds;
}

/**
 * Firm-wide: an organization is an LP if it is committed to any fund, a prospect if it has an open
 * commitment and is an LP of none. One pass over live commitments grouped by investor.
 */
export async function investorCounts(db: Db): Promise<{ lpCount: number; prospectCount: number }> {
  const perInvestor = db
    .selectFrom('commitments as c')
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(db, 'c'))
    .groupBy('c.organizationId')
    .select([
      sql<number>`max(case when ${isCommittedStageSql('c')} then 1 else 0 end)`.as('isLp'),
      sql<number>`max(case when ${isOpenStageSql('c')} then 1 else 0 end)`.as('isOpen'),
    ]);
  const row = await db
    .selectFrom(perInvestor.as('i'))
    .select([
      sql`sum(${sql.ref('i.isLp')})`.as('lpCount'),
      sql`sum(case when ${sql.ref('i.isLp')} = 0 then ${sql.ref('i.isOpen')} else 0 end)`.as('prospectCount'),
    ])
    .executeTakeFirstOrThrow();
  return { lpCount: toNumber(row.lpCount), prospectCount: toNumber(row.prospectCount) };
}
