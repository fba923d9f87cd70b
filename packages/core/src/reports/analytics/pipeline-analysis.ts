import { type PipelineAnalysisQuery, type PipelineAnalysisReport, Priority, Stage } from '@lpdesk/contracts';
import { type RawBuilder, sql } from 'kysely';
import { effectiveProbabilitySql, isOpenStageSql, stageAmountSql } from '../../commitments/rules.js';
import type { CoreContext } from '../../kernel/context.js';
import { asNullableEnum } from '../../kernel/values.js';
import { pickFund } from '../fund.js';
import { investorIsLive } from '../live-investors.js';
import { metricTotals, stageSums } from '../metrics.js';
import { num } from './range.js';
import { reportFund } from './scope.js';

const PRIORITY_ORDER: readonly (Priority | null)[] = ['high', 'medium', 'low', null];

/**
 * The fund's open pipeline (lead … soft circle) grouped by one key: count, stage amount and
 * probability-weighted amount (docs/metrics.md), the weighted sum exact in integers until the end.
 */
async function openPipelineBy(core: CoreContext, fundId: string, key: RawBuilder<string | null>) {
  const rows = await core.db
    .selectFrom('commitments as c')
    .where('c.fundId', '=', fundId)
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(core.db, 'c'))
    .where(isOpenStageSql('c'))
    .groupBy(key)
    .select([
      key.as('key'),
      (eb) => eb.fn.countAll().as('count'),
      sql`sum(${stageAmountSql('c')})`.as('amount'),
      sql`sum(${stageAmountSql('c')} * ${effectiveProbabilitySql('c')})`.as('weightedPercent'),
    ])
    .execute();
  return rows.map((r) => ({
    key: r.key === null || r.key === undefined ? null : String(r.key),
    count: num(r.count),
    amount: num(r.amount),
    weightedAmount: Math.round(num(r.weightedPercent) / 100),
  }));
}

/** By stage, owner, priority and month of expected close, with the weighted pipeline. */
export async function pipelineAnalysis(core: CoreContext, query: PipelineAnalysisQuery): Promise<PipelineAnalysisReport> {
  const fund = await pickFund(core, query.fundId);
  if (!fund)
    return {
      fund: null,
      byStage: Stage.options.map((stage) => ({ stage, count: 0, amount: 0, weightedAmount: 0 })),
      byOwner: [],
      byPriority: [],
      expectedCloses: [],
      open: { count: 0, amount: 0, weightedAmount: 0 },
    };
  const [sums, owners, priorities, closes] = await Promise.all([
    stageSums(core.db, { fundId: fund.id }),
    openPipelineBy(core, fund.id, sql<string | null>`${sql.ref('c.ownerId')}`),
    openPipelineBy(core, fund.id, sql<string | null>`${sql.ref('c.priority')}`),
    openPipelineBy(core, fund.id, sql<string | null>`substr(${sql.ref('c.expectedCloseOn')}, 1, 7)`),
  ]);
  const ownerIds = owners.map((o) => o.key).filter((id): id is string => id !== null);
  const users = ownerIds.length ? await core.db.selectFrom('users').select(['id', 'fullName', 'username']).where('id', 'in', ownerIds).execute() : [];
  const names = new Map(users.map((u) => [u.id, u.fullName ?? u.username]));
  const totals = metricTotals(sums);
  return {
    fund: reportFund(fund),
    byStage: Stage.options.map((stage) => {
      const found = sums.find((s) => s.stage === stage);
      return { stage, count: found?.count ?? 0, amount: found?.amount ?? 0, weightedAmount: Math.round((found?.weightedAmountPercent ?? 0) / 100) };
    }),
    byOwner: owners
      .map(({ key, ...sums }) => ({ ownerId: key, ownerName: key ? (names.get(key) ?? null) : null, ...sums }))
      .sort((a, b) => b.amount - a.amount || (a.ownerName ?? '\uffff').localeCompare(b.ownerName ?? '\uffff')),
    byPriority: PRIORITY_ORDER.flatMap((priority) => {
      const found = priorities.find((p) => p.key === priority);
      return found ? [{ priority: asNullableEnum(Priority, found.key), count: found.count, amount: found.amount, weightedAmount: found.weightedAmount }] : [];
    }),
    expectedCloses: closes.map(({ key, ...sums }) => ({ month: key, ...sums })).sort((a, b) => (a.month ?? '9999').localeCompare(b.month ?? '9999')),
    open: { count: totals.openCount, amount: totals.expected, weightedAmount: totals.weighted },
  };
}
