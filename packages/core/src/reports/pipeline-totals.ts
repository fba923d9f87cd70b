import { COMMITTED_STAGES, OPEN_STAGES, PIPELINE_STAGES, type Stage } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { effectiveProbabilitySql, isCommittedStageSql, isOpenStageSql, pipelineAmountSql } from '../commitments/rules.js';
import type { Db } from '../db/connect.js';
import { investorIsLive } from './live-investors.js';

/** One stage of one fund, summed in the database over live commitments of live investors. */
export interface StageTotal {
  stage: string;
  count: number;
  /** Σ pipelineAmount. */
  amount: number;
  committedAmount: number;
  fundedAmount: number;
  /** Σ pipelineAmount × effectiveProbability: exact integers, divided by 100 once at the end. */
  weightedAmountPercent: number;
}

/** PostgreSQL answers sum() over bigint as numeric (a string) and sum() over nothing as null. */
const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Per-stage counts and sums for one fund: a GROUP BY over at most one row per stage. */
export function stageTotalsQuery(db: Db, fundId: string) {
  return db
    .selectFrom('commitments as c')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(db, 'c'))
    .groupBy('c.stage')
    .select([
      'c.stage',
      (eb) => eb.fn.countAll().as('count'),
      sql`sum(${pipelineAmountSql('c')})`.as('amount'),
      (eb) => eb.fn.sum('c.committedAmount').as('committedAmount'),
      (eb) => eb.fn.sum('c.fundedAmount').as('fundedAmount'),
      sql`sum(${pipelineAmountSql('c')} * ${effectiveProbabilitySql('c')})`.as('weightedAmountPercent'),
    ]);
}

export async function stageTotals(db: Db, fundId: string): Promise<StageTotal[]> {
  const rows = await stageTotalsQuery(db, fundId).execute();
  return rows.map((row) => ({
    stage: row.stage,
    count: toNumber(row.count),
    amount: toNumber(row.amount),
    committedAmount: toNumber(row.committedAmount),
    fundedAmount: toNumber(row.fundedAmount),
    weightedAmountPercent: toNumber(row.weightedAmountPercent),
  }));
}

const inStages = (stages: readonly Stage[], totals: StageTotal[]) => totals.filter((t) => (stages as readonly string[]).includes(t.stage));
const sumOf = (totals: StageTotal[], field: keyof Omit<StageTotal, 'stage'>) => totals.reduce((sum, t) => sum + t[field], 0);

/** The dashboard's stage bars: every pipeline stage and declined, in pipeline order, zeros included. */
export function stageBars(totals: StageTotal[]) {
  return [...PIPELINE_STAGES, 'declined' as const].map((stage) => {
    const total = totals.find((t) => t.stage === stage);
    return { stage, count: total?.count ?? 0, amount: total?.amount ?? 0 };
  });
}

/** The fund's money KPIs from its stage totals: committed stages for money in, open stages for the pipeline. */
export function fundKpis(totals: StageTotal[]) {
  const committed = inStages(COMMITTED_STAGES, totals);
  const open = inStages(OPEN_STAGES, totals);
  return {
    committedAmount: sumOf(committed, 'committedAmount'),
    fundedAmount: sumOf(committed, 'fundedAmount'),
    pipelineAmount: sumOf(open, 'amount'),
    weightedPipelineAmount: Math.round(sumOf(open, 'weightedAmountPercent') / 100),
    activeOpportunities: sumOf(open, 'count'),
  };
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
