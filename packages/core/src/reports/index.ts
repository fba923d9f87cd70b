import { DashboardView, Id, LpTrackerQuery, LpTrackerView, MetricsQuery, MetricsView, PipelineBoardQuery, PipelineBoardView } from '@lpdesk/contracts';
import { z } from 'zod';
import { activityOperations } from '../activity/index.js';
import { defineOperation } from '../kernel/operations.js';
import { dashboard } from './dashboard.js';
import { lpTracker } from './lp-tracker.js';
import { fundMetrics, pipelineBoard } from './pipeline-board.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

export const reportOperations = {
  dashboard: defineOperation({
    name: 'reports.dashboard',
    summary: 'KPIs, stage totals, recent communications, due tasks and stage changes for the fund being raised',
    permission: 'crm.read',
    input: FundQuery,
    output: DashboardView,
    run: ({ core, actor }, q) => dashboard(core, actor, q.fundId),
  }),
  lpTracker: defineOperation({
    name: 'reports.lpTracker',
    summary: 'LPs of a fund with paperwork status, one page at a time, and totals over every LP matching the filters',
    permission: 'crm.read',
    input: LpTrackerQuery,
    output: LpTrackerView,
    run: ({ core }, q) => lpTracker(core, q),
  }),
  pipeline: defineOperation({
    name: 'reports.pipeline',
    summary: 'The kanban of a fund: the count and amount of every stage over all matching commitments, and the first cards of each stage',
    permission: 'crm.read',
    input: PipelineBoardQuery,
    output: PipelineBoardView,
    run: ({ core }, q) => pipelineBoard(core, q),
  }),
  metrics: defineOperation({
    name: 'reports.metrics',
    summary: 'Expected, soft-circled, committed, closed and funded amounts (docs/metrics.md) of a fund, or of every fund an organization is in',
    permission: 'crm.read',
    input: MetricsQuery,
    output: MetricsView,
    run: ({ core }, q) => fundMetrics(core, q),
  }),
  activity: activityOperations.list,
};
