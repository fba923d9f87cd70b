import type { Dashboard } from '@lpdesk/contracts';
import { listStageChanges } from '../commitments/presenter.js';
import { presentCommunications } from '../communications/index.js';
import type { Actor } from '../kernel/actor.js';
import { startOfDay } from '../kernel/clock.js';
import { type CoreContext, today } from '../kernel/context.js';
import { presentTasks } from '../tasks/index.js';
import { fundSummary, pickFund } from './fund.js';
import { investorCounts, metricTotals, pipelineStages, stageMetric, stageSums } from './metrics.js';

/** Live communications since the first of the team's current month. */
async function communicationsThisMonth(core: CoreContext): Promise<number> {
  const monthStart = startOfDay(`${today(core).slice(0, 8)}01`, core.settings.timeZone).toISOString();
  const { count } = await core.db
    .selectFrom('communications')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('deletedAt', 'is', null)
    .where('occurredAt', '>=', monthStart)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** The newest live communications, without counting the whole feed as the list route does. */
async function recentCommunications(core: CoreContext) {
  const rows = await core.db
    .selectFrom('communications')
    .selectAll()
    .where('deletedAt', 'is', null)
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
  return presentCommunications(core.db, rows);
}

async function openTasks(core: CoreContext, due: 'upcoming' | 'overdue') {
  const rows = await core.db
    .selectFrom('tasks')
    .selectAll()
    .where('deletedAt', 'is', null)
    .where('status', '=', 'open')
    .where('dueOn', due === 'upcoming' ? '>=' : '<', today(core))
    .orderBy('dueOn')
    .orderBy('id')
    .limit(10)
    .execute();
  return presentTasks(core.db, rows);
}

/** KPIs, stage totals and recent activity for the fund being raised; every number is summed in SQL. */
export async function dashboard(core: CoreContext, actor: Actor, fundId?: string): Promise<Dashboard> {
  const fund = await pickFund(core, fundId);
  const [totals, investors, commsThisMonth, recent, upcomingTasks, overdueTasks, recentStageChanges] = await Promise.all([
    fund ? stageSums(core.db, { fundId: fund.id }) : Promise.resolve([]),
    investorCounts(core.db),
    communicationsThisMonth(core),
    recentCommunications(core),
    openTasks(core, 'upcoming'),
    openTasks(core, 'overdue'),
    listStageChanges(core.db, { limit: 10, ...(fund ? { fundId: fund.id } : {}) }),
  ]);
  const metrics = metricTotals(totals);
  return {
    fund: fund ? fundSummary(fund) : null,
    kpis: {
      lpCount: investors.lpCount,
      committedAmount: metrics.committed,
      fundedAmount: metrics.funded,
      pipelineAmount: metrics.expected,
      weightedPipelineAmount: metrics.weighted,
      activeOpportunities: metrics.openCount,
      prospectCount: investors.prospectCount,
      communicationsThisMonth: commsThisMonth,
    },
    metrics,
    stages: pipelineStages(totals),
    declined: stageMetric(totals, 'declined'),
    recentCommunications: recent,
    upcomingTasks,
    overdueTasks,
    recentStageChanges,
    viewer: actor.userId,
  };
}
