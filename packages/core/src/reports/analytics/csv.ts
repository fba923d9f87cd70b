import {
  type ActivityReport,
  type AnalyticsReportName,
  type ConversionReport,
  type FundProgressReport,
  type LpBreakdownReport,
  type PipelineAnalysisReport,
  REPORT_CSV_TABLES,
  type ReportTask,
  type ReupRow,
  type TearSheet,
} from '@lpdesk/contracts';
import type { CoreContext } from '../../kernel/context.js';
import { Invalid } from '../../kernel/errors.js';
import { type Cell, file, money, type ReportFile } from '../csv.js';

/**
 * Every analytics report as CSV: one table per file, the same rows as the JSON answer (docs/reports.md
 * lists each report's tables; the first is the default). Money in currency units with two decimals,
 * next to its currency code, like the other report exports; shares and rates as 0–1 fractions.
 */
type Table = { headers: string[]; rows: Cell[][] };
type Tables<Name extends AnalyticsReportName> = Record<(typeof REPORT_CSV_TABLES)[Name][number], Table>;

const taskTable = (tasks: ReportTask[]): Table => ({
  headers: ['Task', 'Due', 'Assignee', 'About', 'About id'],
  rows: tasks.map((t) => [t.title, t.dueOn, t.assigneeName, t.entityType, t.entityId]),
});

export function fundProgressTables(r: FundProgressReport): Tables<'fund-progress'> {
  const currency = r.fund?.currency ?? '';
  return {
    series: {
      headers: ['Date', 'Committed', 'Closed', 'Currency'],
      rows: r.series.map((p) => [p.date, money(p.committedAmount), money(p.closedAmount), currency]),
    },
    byClose: {
      headers: ['Close', 'Date', 'Committed', 'Closed', 'Currency'],
      rows: r.byClose.map((c) => [c.close, c.date, money(c.committedAmount), money(c.closedAmount), currency]),
    },
    closedByMonth: {
      headers: ['Month', 'Commitments', 'Closed', 'Currency'],
      rows: r.closedByMonth.map((m) => [m.month, m.count, money(m.closedAmount), currency]),
    },
  };
}

export function pipelineAnalysisTables(r: PipelineAnalysisReport): Tables<'pipeline-analysis'> {
  const currency = r.fund?.currency ?? '';
  const sums = (s: { count: number; amount: number; weightedAmount: number }): Cell[] => [s.count, money(s.amount), money(s.weightedAmount), currency];
  const headers = ['Commitments', 'Amount', 'Weighted', 'Currency'];
  return {
    byStage: { headers: ['Stage', ...headers], rows: r.byStage.map((s) => [s.stage, ...sums(s)]) },
    byOwner: { headers: ['Owner', 'Owner id', ...headers], rows: r.byOwner.map((s) => [s.ownerName ?? '(unassigned)', s.ownerId, ...sums(s)]) },
    byPriority: { headers: ['Priority', ...headers], rows: r.byPriority.map((s) => [s.priority ?? '(none)', ...sums(s)]) },
    expectedCloses: { headers: ['Month', ...headers], rows: r.expectedCloses.map((s) => [s.month ?? '(no date)', ...sums(s)]) },
  };
}

export function conversionTables(r: ConversionReport): Tables<'conversion'> {
  return {
    stages: {
      headers: ['Stage', 'Entered', 'Advanced', 'Conversion', 'Median days', 'P75 days'],
      rows: r.stages.map((s) => [s.stage, s.entered, s.advanced, s.conversion, s.medianDays, s.p75Days]),
    },
    cohorts: {
      headers: ['Cohort', 'Cohort size', 'Stage', 'Entered', 'Advanced', 'Conversion'],
      rows: r.cohorts.flatMap((c) => c.stages.map((s) => [c.month, c.size, s.stage, s.entered, s.advanced, s.conversion])),
    },
    declinedReasons: { headers: ['Reason', 'Count'], rows: r.declinedReasons.map((d) => [d.reason, d.count]) },
  };
}

export function lpBreakdownTables(r: LpBreakdownReport): Tables<'lp-breakdown'> {
  const currency = r.fund?.currency ?? '';
  const sums = (s: { count: number; committedAmount: number; share: number | null }): Cell[] => [s.count, money(s.committedAmount), currency, s.share];
  const headers = ['LPs', 'Committed', 'Currency', 'Share'];
  return {
    byKind: { headers: ['Kind', ...headers], rows: r.byKind.map((s) => [s.kind, ...sums(s)]) },
    byGeography: { headers: ['Location', ...headers], rows: r.byGeography.map((s) => [s.location ?? '(none)', ...sums(s)]) },
    byCheckSize: { headers: ['Check size', 'From', 'Below', ...headers], rows: r.byCheckSize.map((s) => [s.bucket, money(s.min), money(s.max), ...sums(s)]) },
    top: {
      headers: ['Investor', 'Investor id', 'Committed', 'Currency', 'Share'],
      rows: r.concentration.top.map((t) => [t.name, t.organizationId, money(t.committedAmount), currency, t.share]),
    },
  };
}

export function reupsTables(rows: ReupRow[], currency: string): Tables<'reups'> {
  return {
    reups: {
      headers: ['Investor', 'Investor id', 'Prior committed', 'Status', 'Commitment id', 'Stage', 'Amount', 'Currency'],
      rows: rows.map((r) => [r.name, r.organizationId, money(r.priorCommittedAmount), r.status, r.commitmentId, r.stage, money(r.amount), currency]),
    },
  };
}

export function activityTables(r: ActivityReport): Tables<'activity'> {
  return {
    byUser: { headers: ['User', 'User id', 'Touches'], rows: r.byUser.map((u) => [u.name ?? '(no author)', u.userId, u.count]) },
    byKind: { headers: ['Kind', 'Touches'], rows: r.byKind.map((k) => [k.kind, k.count]) },
    series: { headers: ['Date', 'Touches'], rows: r.series.map((p) => [p.date, p.count]) },
    cold: {
      headers: ['Investor', 'Investor id', 'Owner', 'Owner id', 'Last touch'],
      rows: r.cold.map((c) => [c.name, c.organizationId, c.ownerName, c.ownerId, c.lastTouchAt]),
    },
    upcomingTasks: taskTable(r.upcomingTasks),
    overdueTasks: taskTable(r.overdueTasks),
  };
}

export function tearSheetTables(r: TearSheet): Tables<'tear-sheet'> {
  return {
    commitments: {
      headers: ['Fund', 'Stage', 'Currency', 'Expected', 'Committed', 'Funded', 'Expected close', 'Owner'],
      rows: r.commitments.map((c) => [
        c.fundName,
        c.stage,
        c.currency,
        money(c.expectedAmount),
        money(c.committedAmount),
        money(c.fundedAmount),
        c.expectedCloseOn,
        c.ownerName,
      ]),
    },
    contacts: { headers: ['Name', 'Title', 'Email', 'Phone', 'Primary'], rows: r.contacts.map((p) => [p.name, p.title, p.email, p.phone, p.isPrimary]) },
    lastTouches: { headers: ['When', 'Kind', 'Subject', 'Author'], rows: r.lastTouches.map((m) => [m.occurredAt, m.kind, m.subject, m.authorName]) },
    openTasks: taskTable(r.openTasks.map((t) => ({ ...t, dueOn: t.dueOn ?? '' }))),
  };
}

/** The chosen table (default: the report's first) as a CSV file; an unknown table name is a 400. */
export function tableFile<Name extends AnalyticsReportName>(
  core: CoreContext,
  report: Name,
  tables: Tables<Name>,
  table: string | undefined,
  scope: { name: string } | null,
): ReportFile {
  const names: readonly string[] = REPORT_CSV_TABLES[report];
  const chosen = table ?? names[0] ?? '';
  if (!names.includes(chosen))
    throw new Invalid(`table: ${report} has the tables ${names.join(', ')}`, { issues: [{ path: ['table'], message: `one of ${names.join(', ')}` }] });
  const { headers, rows } = tables[chosen as keyof Tables<Name>] as Table;
  return file(core, chosen === names[0] ? report : `${report}-${chosen}`, scope, headers, rows);
}

/** A table of a report as headers and cells (the CLI prints it aligned). */
export function reportTable<Name extends AnalyticsReportName>(tables: Tables<Name>, report: Name, table: string | undefined): Table & { table: string } {
  const names: readonly string[] = REPORT_CSV_TABLES[report];
  const chosen = table && names.includes(table) ? table : (names[0] ?? '');
  return { table: chosen, ...(tables[chosen as keyof Tables<Name>] as Table) };
}
