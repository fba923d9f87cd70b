import {
  ActivityReport,
  ActivityReportCsvQuery,
  ActivityReportQuery,
  ConversionCsvQuery,
  ConversionQuery,
  ConversionReport,
  FundProgressCsvQuery,
  FundProgressQuery,
  FundProgressReport,
  LpBreakdownCsvQuery,
  LpBreakdownQuery,
  LpBreakdownReport,
  PipelineAnalysisCsvQuery,
  PipelineAnalysisQuery,
  PipelineAnalysisReport,
  ReupsCsvQuery,
  ReupsQuery,
  ReupsReport,
  TearSheet,
  TearSheetCsvQuery,
  TearSheetParams,
} from '@lpdesk/contracts';
import { z } from 'zod';
import { defineOperation } from '../../kernel/operations.js';
import { activityReport } from './activity.js';
import { conversion } from './conversion.js';
import {
  activityTables,
  conversionTables,
  fundProgressTables,
  lpBreakdownTables,
  pipelineAnalysisTables,
  reupsTables,
  tableFile,
  tearSheetTables,
} from './csv.js';
import { fundProgress } from './fund-progress.js';
import { lpBreakdown, reups } from './lp-breakdown.js';
import { pipelineAnalysis } from './pipeline-analysis.js';
import { tearSheet } from './tear-sheet.js';

/** A report as a CSV file; doors send `content` as the download. */
const ReportFile = z
  .object({ filename: z.string(), contentType: z.string(), content: z.string() })
  .meta({ description: 'A CSV file: name, content type and text' });

/**
 * The Reports area (docs/reports.md): each report is one operation answering JSON and one answering
 * a table of it as CSV. All read-only, crm.read.
 */
export const analyticsOperations = {
  fundProgress: defineOperation({
    name: 'analytics.fundProgress',
    summary: 'Fund progress: target vs soft-circled, committed, closed and funded, committed and closed over time, and at each close',
    permission: 'crm.read',
    input: FundProgressQuery,
    output: FundProgressReport,
    run: ({ core }, q) => fundProgress(core, q),
  }),
  fundProgressCsv: defineOperation({
    name: 'analytics.fundProgressCsv',
    summary: 'Fund progress as CSV (table series, byClose or closedByMonth)',
    permission: 'crm.read',
    input: FundProgressCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => {
      const report = await fundProgress(core, q);
      return tableFile(core, 'fund-progress', fundProgressTables(report), table, report.fund);
    },
  }),
  pipeline: defineOperation({
    name: 'analytics.pipeline',
    summary: 'Pipeline analysis: by stage, owner and priority with the weighted pipeline, and expected closes by month',
    permission: 'crm.read',
    input: PipelineAnalysisQuery,
    output: PipelineAnalysisReport,
    run: ({ core }, q) => pipelineAnalysis(core, q),
  }),
  pipelineCsv: defineOperation({
    name: 'analytics.pipelineCsv',
    summary: 'Pipeline analysis as CSV (table byStage, byOwner, byPriority or expectedCloses)',
    permission: 'crm.read',
    input: PipelineAnalysisCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => {
      const report = await pipelineAnalysis(core, q);
      return tableFile(core, 'pipeline-analysis', pipelineAnalysisTables(report), table, report.fund);
    },
  }),
  conversion: defineOperation({
    name: 'analytics.conversion',
    summary: 'Conversion and velocity: stage-to-stage conversion by cohort, median and p75 days in stage, win rate, declined reasons',
    permission: 'crm.read',
    input: ConversionQuery,
    output: ConversionReport,
    run: ({ core }, q) => conversion(core, q),
  }),
  conversionCsv: defineOperation({
    name: 'analytics.conversionCsv',
    summary: 'Conversion and velocity as CSV (table stages, cohorts or declinedReasons)',
    permission: 'crm.read',
    input: ConversionCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => {
      const report = await conversion(core, q);
      return tableFile(core, 'conversion', conversionTables(report), table, report.fund);
    },
  }),
  lpBreakdown: defineOperation({
    name: 'analytics.lpBreakdown',
    summary: "LP breakdown: a fund's LPs by investor kind, location and check size, and the top ten's share",
    permission: 'crm.read',
    input: LpBreakdownQuery,
    output: LpBreakdownReport,
    run: ({ core }, q) => lpBreakdown(core, q),
  }),
  lpBreakdownCsv: defineOperation({
    name: 'analytics.lpBreakdownCsv',
    summary: 'LP breakdown as CSV (table byKind, byGeography, byCheckSize or top)',
    permission: 'crm.read',
    input: LpBreakdownCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => {
      const report = await lpBreakdown(core, q);
      return tableFile(core, 'lp-breakdown', lpBreakdownTables(report), table, report.fund);
    },
  }),
  reups: defineOperation({
    name: 'analytics.reups',
    summary: 'Re-ups: every LP of a prior fund and its status in the new fund (committed, in progress, declined, not approached)',
    permission: 'crm.read',
    input: ReupsQuery,
    output: ReupsReport,
    run: ({ core }, q) => reups(core, q),
  }),
  reupsCsv: defineOperation({
    name: 'analytics.reupsCsv',
    summary: 'Re-ups as CSV',
    permission: 'crm.read',
    input: ReupsCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => {
      const rows = await reups(core, q);
      const fund = await core.db.selectFrom('funds').select(['name', 'currency']).where('id', '=', q.toFundId).executeTakeFirstOrThrow();
      return tableFile(core, 'reups', reupsTables(rows, fund.currency), table, fund);
    },
  }),
  activity: defineOperation({
    name: 'analytics.activity',
    summary: 'Activity: touches by user, kind and day or week, investors gone cold, upcoming and overdue next actions',
    permission: 'crm.read',
    input: ActivityReportQuery,
    output: ActivityReport,
    run: ({ core }, q) => activityReport(core, q),
  }),
  activityCsv: defineOperation({
    name: 'analytics.activityCsv',
    summary: 'Activity as CSV (table byUser, byKind, series, cold, upcomingTasks or overdueTasks)',
    permission: 'crm.read',
    input: ActivityReportCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, ...q }) => tableFile(core, 'activity', activityTables(await activityReport(core, q)), table, null),
  }),
  tearSheet: defineOperation({
    name: 'analytics.tearSheet',
    summary: "An investor's tear sheet: profile, commitments across funds, contacts, last touches, open tasks",
    permission: 'crm.read',
    input: TearSheetParams,
    output: TearSheet,
    run: ({ core }, q) => tearSheet(core, q.organizationId),
  }),
  tearSheetCsv: defineOperation({
    name: 'analytics.tearSheetCsv',
    summary: "An investor's tear sheet as CSV (table commitments, contacts, lastTouches or openTasks)",
    permission: 'crm.read',
    input: TearSheetCsvQuery,
    output: ReportFile,
    run: async ({ core }, { table, organizationId }) => {
      const sheet = await tearSheet(core, organizationId);
      return tableFile(core, 'tear-sheet', tearSheetTables(sheet), table, sheet.organization);
    },
  }),
};
