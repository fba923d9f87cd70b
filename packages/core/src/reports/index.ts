import {
  DashboardView,
  Id,
  LpTrackerExportQuery,
  LpTrackerQuery,
  LpTrackerView,
  MetricsQuery,
  MetricsView,
  PipelineBoardQuery,
  PipelineBoardView,
  PipelineExportQuery,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { activityOperations } from '../activity/index.js';
import { defineOperation } from '../kernel/operations.js';
import { dashboardCsv, lpTrackerCsv, metricsCsv, pipelineCsv } from './csv.js';
import { dashboard } from './dashboard.js';
import { lpTracker } from './lp-tracker.js';
import { fundMetrics, pipelineBoard } from './pipeline-board.js';

const FundQuery = z.strictObject({ fundId: Id.optional() });

/** A report as a CSV file (reports/csv.ts); doors send `content` as the download. */
const ReportFile = z.object({ filename: z.string(), contentType: z.string(), content: z.string() }).meta({ description: 'A CSV file: name, content type and text' });

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
  activityCsv: activityOperations.export,
  dashboardCsv: defineOperation({
    name: 'reports.dashboardCsv',
    summary: "The dashboard's KPIs, stage totals and money metrics as CSV",
    permission: 'crm.read',
    input: FundQuery,
    output: ReportFile,
    run: ({ core, actor }, q) => dashboardCsv(core, actor, q.fundId),
  }),
  lpTrackerCsv: defineOperation({
    name: 'reports.lpTrackerCsv',
    summary: 'Every LP the tracker filters match (all pages) with its paperwork, as CSV',
    permission: 'crm.read',
    input: LpTrackerExportQuery,
    output: ReportFile,
    run: ({ core }, q) => lpTrackerCsv(core, q),
  }),
  pipelineCsv: defineOperation({
    name: 'reports.pipelineCsv',
    summary: 'The pipeline board as CSV: its commitments stage by stage (up to 2,000 per stage)',
    permission: 'crm.read',
    input: PipelineExportQuery,
    output: ReportFile,
    run: ({ core }, q) => pipelineCsv(core, q),
  }),
  metricsCsv: defineOperation({
    name: 'reports.metricsCsv',
    summary: 'The money metrics of each fund (or of every fund an organization is in) as CSV, one row per fund',
    permission: 'crm.read',
    input: MetricsQuery,
    output: ReportFile,
    run: ({ core }, q) => metricsCsv(core, q),
  }),
};
