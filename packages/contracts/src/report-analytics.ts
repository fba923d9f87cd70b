import { z } from 'zod';
import { CalendarDate, Id, Instant, MinorUnits, queryInt } from './common.js';
import { CommunicationKind } from './communications.js';
import { Priority, Stage } from './commitments.js';
import { OrganizationKind } from './organizations.js';

/**
 * The Reports area (issue 16, docs/reports.md): fund progress, pipeline analysis, conversion and
 * velocity, LP breakdown, re-ups, activity and the investor tear sheet. Every number is summed in
 * SQL by the core; money is integer minor units in the fund's currency; dates are calendar dates in
 * the team's time zone. Each report's HTTP route also answers `?format=csv` (one table per file,
 * `&table=` picks another where a report has several).
 */

/** How a time series is bucketed: by day up to 62 days, by ISO week (Monday) up to 2 years, else by month. */
export const ReportBucket = z.enum(['day', 'week', 'month']);
export type ReportBucket = z.infer<typeof ReportBucket>;

/** `json` (default) or `csv`: the same rows as a CSV file. */
export const ReportFormat = z.enum(['json', 'csv']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** A share or rate between 0 and 1 (4 decimals), null when there is nothing to divide by. */
const Ratio = z.number().min(0).max(1).nullable();

/** A date range in the team's time zone, both ends included. */
const DateRange = {
  /** First day included; default depends on the report (docs/reports.md). */
  from: CalendarDate.optional(),
  /** Last day included; default today. */
  to: CalendarDate.optional(),
};

const ReportFund = z.object({ id: Id, name: z.string(), currency: z.string(), targetAmount: MinorUnits.nullable() });
export type ReportFund = z.infer<typeof ReportFund>;

// ---------------------------------------------------------------- fund progress

export const FundProgressQuery = z.strictObject({ fundId: Id.optional(), ...DateRange });
export type FundProgressQuery = z.infer<typeof FundProgressQuery>;

export const FundProgressPoint = z.object({
  /** First day of the bucket. */
  date: CalendarDate,
  /** Cumulative committed (committed + closed) at the end of the bucket, from the stage history. */
  committedAmount: MinorUnits,
  /** Cumulative closed at the end of the bucket. */
  closedAmount: MinorUnits,
});
export type FundProgressPoint = z.infer<typeof FundProgressPoint>;

export const FundClose = z.object({
  close: z.enum(['first', 'final']),
  date: CalendarDate,
  /** Committed and closed as of the end of the close date. */
  committedAmount: MinorUnits,
  closedAmount: MinorUnits,
});
export type FundClose = z.infer<typeof FundClose>;

export const ClosedMonth = z.object({
  /** YYYY-MM: the month in which the commitment (last) entered closed. */
  month: z.string(),
  count: z.int(),
  closedAmount: MinorUnits,
});
export type ClosedMonth = z.infer<typeof ClosedMonth>;

export const FundProgressReport = z
  .object({
    fund: ReportFund.nullable(),
    from: CalendarDate,
    to: CalendarDate,
    bucket: ReportBucket,
    targetAmount: MinorUnits.nullable(),
    softCircledAmount: MinorUnits,
    committedAmount: MinorUnits,
    closedAmount: MinorUnits,
    fundedAmount: MinorUnits,
    series: z.array(FundProgressPoint),
    /** The fund's first and final close (those with a date), with committed and closed as of each. */
    byClose: z.array(FundClose),
    /** Closed money by the month the commitment entered closed (every month, not only the range). */
    closedByMonth: z.array(ClosedMonth),
  })
  .meta({ id: 'FundProgressReport' });
export type FundProgressReport = z.infer<typeof FundProgressReport>;

// ---------------------------------------------------------------- pipeline analysis

export const PipelineAnalysisQuery = z.strictObject({ fundId: Id.optional() });
export type PipelineAnalysisQuery = z.infer<typeof PipelineAnalysisQuery>;

const PipelineSums = { count: z.int(), amount: MinorUnits, weightedAmount: MinorUnits };

export const PipelineAnalysisReport = z
  .object({
    fund: ReportFund.nullable(),
    /** Lead to closed in board order (zeros included), then declined; stage amounts of docs/metrics.md. */
    byStage: z.array(z.object({ stage: Stage, ...PipelineSums })),
    /** Open stages only (the pipeline being worked), largest amount first; `ownerId` null = unassigned. */
    byOwner: z.array(z.object({ ownerId: Id.nullable(), ownerName: z.string().nullable(), ...PipelineSums })),
    /** Open stages only: high, medium, low, then none. */
    byPriority: z.array(z.object({ priority: Priority.nullable(), ...PipelineSums })),
    /** Open stages only, by month of the expected close (YYYY-MM, null = no date), oldest first. */
    expectedCloses: z.array(z.object({ month: z.string().nullable(), ...PipelineSums })),
    /** The open pipeline: expected and weighted of docs/metrics.md. */
    open: z.object(PipelineSums),
  })
  .meta({ id: 'PipelineAnalysisReport' });
export type PipelineAnalysisReport = z.infer<typeof PipelineAnalysisReport>;

// ---------------------------------------------------------------- conversion and velocity

export const ConversionQuery = z.strictObject({ fundId: Id.optional(), ...DateRange });
export type ConversionQuery = z.infer<typeof ConversionQuery>;

const StageConversionCounts = {
  stage: Stage,
  /** Commitments of the cohort that entered the stage (a stage change into it); skipped stages are not entered. */
  entered: z.int(),
  /** Of those, how many later reached any later pipeline stage. */
  advanced: z.int(),
  /** advanced ÷ entered. */
  conversion: Ratio,
};

export const StageConversion = z.object({
  ...StageConversionCounts,
  /** Days spent in the stage (all completed stays of a commitment added up), nearest-rank median; null when none. */
  medianDays: z.number().nullable(),
  p75Days: z.number().nullable(),
});
export type StageConversion = z.infer<typeof StageConversion>;

export const ConversionReport = z
  .object({
    fund: ReportFund.nullable(),
    from: CalendarDate,
    to: CalendarDate,
    /** Lead to committed (closed is the end of the road). */
    stages: z.array(StageConversion),
    /** The same counts per cohort: the month the commitment entered the pipeline. */
    cohorts: z.array(z.object({ month: z.string(), size: z.int(), stages: z.array(z.object(StageConversionCounts)) })),
    /** Won = now committed or closed, lost = now declined; rate = won ÷ (won + lost). */
    winRate: z.object({ won: z.int(), lost: z.int(), rate: Ratio }),
    /** Declined commitments of the cohort by reason (as typed, trimmed), most frequent first. */
    declinedReasons: z.array(z.object({ reason: z.string(), count: z.int() })),
  })
  .meta({ id: 'ConversionReport' });
export type ConversionReport = z.infer<typeof ConversionReport>;

// ---------------------------------------------------------------- LP breakdown and re-ups

export const LpBreakdownQuery = z.strictObject({ fundId: Id.optional() });
export type LpBreakdownQuery = z.infer<typeof LpBreakdownQuery>;

/** Check-size buckets in currency units (minor units ÷ 100): lower bound included, upper excluded. */
export const CHECK_SIZE_BUCKETS = [
  { bucket: 'under_1m', min: 0, max: 1_000_000_00 },
  { bucket: '1m_5m', min: 1_000_000_00, max: 5_000_000_00 },
  { bucket: '5m_10m', min: 5_000_000_00, max: 10_000_000_00 },
  { bucket: '10m_25m', min: 10_000_000_00, max: 25_000_000_00 },
  { bucket: '25m_plus', min: 25_000_000_00, max: null },
] as const;

const LpSums = { count: z.int(), committedAmount: MinorUnits, share: Ratio };

export const LpBreakdownReport = z
  .object({
    fund: ReportFund.nullable(),
    /** The fund's LPs (committed and closed commitments) and their committed total. */
    lpCount: z.int(),
    committedAmount: MinorUnits,
    byKind: z.array(z.object({ kind: OrganizationKind, ...LpSums })),
    /** By the investor's location as recorded (null = none), largest first. */
    byGeography: z.array(z.object({ location: z.string().nullable(), ...LpSums })),
    byCheckSize: z.array(z.object({ bucket: z.string(), min: MinorUnits, max: MinorUnits.nullable(), ...LpSums })),
    concentration: z.object({
      /** The ten largest LPs' committed amount and its share of the fund's committed. */
      top10Amount: MinorUnits,
      top10Share: Ratio,
      top: z.array(z.object({ organizationId: Id, name: z.string(), committedAmount: MinorUnits, share: Ratio })),
    }),
  })
  .meta({ id: 'LpBreakdownReport' });
export type LpBreakdownReport = z.infer<typeof LpBreakdownReport>;

export const ReupsQuery = z.strictObject({ fromFundId: Id, toFundId: Id });
export type ReupsQuery = z.infer<typeof ReupsQuery>;

export const ReupStatus = z.enum(['committed', 'in_progress', 'declined', 'not_approached']);
export type ReupStatus = z.infer<typeof ReupStatus>;

export const ReupRow = z.object({
  organizationId: Id,
  name: z.string(),
  /** Committed to the prior fund (its committed amount, docs/metrics.md). */
  priorCommittedAmount: MinorUnits,
  status: ReupStatus,
  /** The commitment to the new fund, when there is one. */
  commitmentId: Id.optional(),
  stage: Stage.optional(),
  /** Its stage amount in the new fund (docs/metrics.md). */
  amount: MinorUnits.optional(),
});
export type ReupRow = z.infer<typeof ReupRow>;
export const ReupsReport = z.array(ReupRow).meta({ id: 'ReupsReport' });
export type ReupsReport = z.infer<typeof ReupsReport>;

// ---------------------------------------------------------------- activity

export const ActivityReportQuery = z.strictObject({
  ...DateRange,
  /** An investor with no touch in this many days is cold (default 60). */
  coldDays: queryInt(1, 3650).default(60),
});
export type ActivityReportQuery = z.infer<typeof ActivityReportQuery>;

export const ReportTask = z.object({
  id: Id,
  title: z.string(),
  dueOn: CalendarDate,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  entityType: z.string().nullable(),
  entityId: Id.nullable(),
});
export type ReportTask = z.infer<typeof ReportTask>;

export const ActivityReport = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    bucket: ReportBucket,
    coldDays: z.int(),
    /** Communications in the range by author (null = no author, e.g. imported), most first. */
    byUser: z.array(z.object({ userId: Id.nullable(), name: z.string().nullable(), count: z.int() })),
    byKind: z.array(z.object({ kind: CommunicationKind, count: z.int() })),
    /** One point per bucket of the range (zeros included); `date` is the bucket's first day. */
    series: z.array(z.object({ date: CalendarDate, count: z.int() })),
    /** LPs and open prospects with no touch in `coldDays` (null lastTouchAt = never touched), coldest first. */
    cold: z.array(
      z.object({ organizationId: Id, name: z.string(), ownerId: Id.nullable(), ownerName: z.string().nullable(), lastTouchAt: Instant.nullable() }),
    ),
    /** Open tasks due today or in the next 14 days, and open tasks due before today (at most 100 each). */
    upcomingTasks: z.array(ReportTask),
    overdueTasks: z.array(ReportTask),
  })
  .meta({ id: 'ActivityReport' });
export type ActivityReport = z.infer<typeof ActivityReport>;

// ---------------------------------------------------------------- tear sheet

export const TearSheetParams = z.strictObject({ organizationId: Id });

export const TearSheet = z
  .object({
    organization: z.object({
      id: Id,
      name: z.string(),
      kind: OrganizationKind,
      website: z.string().nullable(),
      location: z.string().nullable(),
      description: z.string().nullable(),
      ownerId: Id.nullable(),
      ownerName: z.string().nullable(),
    }),
    /** Live commitments across funds, newest fund first. */
    commitments: z.array(
      z.object({
        id: Id,
        fundId: Id,
        fundName: z.string(),
        currency: z.string(),
        stage: Stage,
        expectedAmount: MinorUnits.nullable(),
        committedAmount: MinorUnits.nullable(),
        fundedAmount: MinorUnits.nullable(),
        expectedCloseOn: CalendarDate.nullable(),
        ownerName: z.string().nullable(),
      }),
    ),
    /** People at the organization (current roles first). */
    contacts: z.array(
      z.object({ id: Id, name: z.string(), title: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), isPrimary: z.boolean() }),
    ),
    /** The ten latest communications with the organization or its people. */
    lastTouches: z.array(z.object({ id: Id, kind: CommunicationKind, occurredAt: Instant, subject: z.string().nullable(), authorName: z.string().nullable() })),
    /** Open tasks on the organization, its people or its commitments, soonest first. */
    openTasks: z.array(ReportTask.extend({ dueOn: CalendarDate.nullable() })),
  })
  .meta({ id: 'TearSheet' });
export type TearSheet = z.infer<typeof TearSheet>;

/** The CSV tables of each report (the first is the default of `?format=csv`). */
export const REPORT_CSV_TABLES = {
  'fund-progress': ['series', 'byClose', 'closedByMonth'],
  'pipeline-analysis': ['byStage', 'byOwner', 'byPriority', 'expectedCloses'],
  conversion: ['stages', 'cohorts', 'declinedReasons'],
  'lp-breakdown': ['byKind', 'byGeography', 'byCheckSize', 'top'],
  reups: ['reups'],
  activity: ['byUser', 'byKind', 'series', 'cold', 'upcomingTasks', 'overdueTasks'],
  'tear-sheet': ['commitments', 'contacts', 'lastTouches', 'openTasks'],
} as const;
export type AnalyticsReportName = keyof typeof REPORT_CSV_TABLES;

/** `table=`: one of the report's CSV tables (default the first). */
const csvTable = <Name extends AnalyticsReportName>(report: Name) => z.enum(REPORT_CSV_TABLES[report]).optional();

/** The inputs of the CSV operations: the report's query plus the table to write. */
export const FundProgressCsvQuery = FundProgressQuery.extend({ table: csvTable('fund-progress') });
export const PipelineAnalysisCsvQuery = PipelineAnalysisQuery.extend({ table: csvTable('pipeline-analysis') });
export const ConversionCsvQuery = ConversionQuery.extend({ table: csvTable('conversion') });
export const LpBreakdownCsvQuery = LpBreakdownQuery.extend({ table: csvTable('lp-breakdown') });
export const ReupsCsvQuery = ReupsQuery.extend({ table: csvTable('reups') });
export const ActivityReportCsvQuery = ActivityReportQuery.extend({ table: csvTable('activity') });
export const TearSheetCsvQuery = TearSheetParams.extend({ table: csvTable('tear-sheet') });
export type FundProgressCsvQuery = z.infer<typeof FundProgressCsvQuery>;
export type PipelineAnalysisCsvQuery = z.infer<typeof PipelineAnalysisCsvQuery>;
export type ConversionCsvQuery = z.infer<typeof ConversionCsvQuery>;
export type LpBreakdownCsvQuery = z.infer<typeof LpBreakdownCsvQuery>;
export type ReupsCsvQuery = z.infer<typeof ReupsCsvQuery>;
export type ActivityReportCsvQuery = z.infer<typeof ActivityReportCsvQuery>;
export type TearSheetCsvQuery = z.infer<typeof TearSheetCsvQuery>;

/** The HTTP query of a report route: its CSV query plus `format`. */
export const reportRouteQuery = <Shape extends z.ZodRawShape>(csvQuery: z.ZodObject<Shape>) => csvQuery.extend({ format: ReportFormat.default('json') });
