import { isCommittedStage, type MetricsQuery, type Metrics, type PipelineBoard, type PipelineBoardQuery, Stage } from '@lpdesk/contracts';
import { type CommitmentFilters, matchesCommitmentFilters } from '../commitments/queries.js';
import { presentCommitments } from '../commitments/presenter.js';
import { stageAmountSql } from '../commitments/rules.js';
import type { CoreContext } from '../kernel/context.js';
import { fundSummary, pickFund } from './fund.js';
import { investorIsLive } from './live-investors.js';
import { byFund, metricTotals, pipelineStages, stageMetric, stageSums } from './metrics.js';

const BOARD_STAGES = Stage.options;

/**
 * The first `limit` cards of one stage, largest stage amount first, the id breaking ties so "show more"
 * extends the same order. Committed stages sort by what was committed, the others by what is expected.
 */
function stageCards(core: CoreContext, filters: CommitmentFilters, stage: Stage, limit: number) {
  const amountColumn = isCommittedStage(stage) ? 'c.committedAmount' : 'c.expectedAmount';
  return core.db
    .selectFrom('commitments as c')
    .selectAll('c')
    .where(matchesCommitmentFilters({ ...filters, stages: [stage] }))
    .where('c.deletedAt', 'is', null)
    .where(investorIsLive(core.db, 'c'))
    .orderBy(stageAmountSql('c'), 'desc')
    .orderBy(amountColumn, 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/**
 * The kanban of one fund: each stage's count and amount over every matching commitment (the metrics
 * every other screen shows), and its first cards. A fund with 25,000 commitments sends a few hundred.
 */
export async function pipelineBoard(core: CoreContext, query: PipelineBoardQuery): Promise<PipelineBoard> {
  const fund = await pickFund(core, query.fundId);
  const filters: CommitmentFilters = { fundId: fund?.id, q: query.q, ownerId: query.ownerId };
  if (!fund) return { fund: null, totals: metricTotals([]), stages: BOARD_STAGES.map((stage) => ({ ...stageMetric([], stage), cards: [] })) };
  const [sums, ...cardRows] = await Promise.all([
    stageSums(core.db, filters),
    ...BOARD_STAGES.map((stage) => stageCards(core, filters, stage, query.more?.[stage] ?? query.limit)),
  ]);
  const views = await presentCommitments(core.db, cardRows.flat());
  const viewById = new Map(views.map((view) => [view.id, view]));
  return {
    fund: fundSummary(fund),
    totals: metricTotals(sums),
    stages: BOARD_STAGES.map((stage, index) => ({
      ...stageMetric(sums, stage),
      cards: (cardRows[index] ?? []).flatMap((row) => viewById.get(row.id) ?? []),
    })),
  };
}

/** The metrics of one fund, or of every fund an organization has a commitment in (newest fund first). */
export async function fundMetrics(core: CoreContext, query: MetricsQuery): Promise<Metrics> {
  if (query.fundId) await pickFund(core, query.fundId);
  const sums = await stageSums(core.db, { fundId: query.fundId, organizationId: query.organizationId, q: query.q, ownerId: query.ownerId });
  const perFund = byFund(sums);
  if (query.fundId && !perFund.has(query.fundId)) perFund.set(query.fundId, []);
  if (perFund.size === 0) return { funds: [] };
  const funds = await core.db
    .selectFrom('funds')
    .selectAll()
    .where('id', 'in', [...perFund.keys()])
    .orderBy('vintage', (ob) => ob.desc().nullsLast())
    .orderBy('createdAt', 'desc')
    .execute();
  return {
    funds: funds.map((fund) => {
      const fundSums = perFund.get(fund.id) ?? [];
      return { fund: fundSummary(fund), totals: metricTotals(fundSums), stages: pipelineStages(fundSums) };
    }),
  };
}
