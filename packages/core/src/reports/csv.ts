import {
  type Commitment,
  type FundSummary,
  type LpTrackerExportQuery,
  type MetricsQuery,
  type MetricTotals,
  neutralizeCsvText,
  PIPELINE_STAGES,
  type PipelineExportQuery,
  type StageMetric,
} from '@lpdesk/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../kernel/actor.js';
import type { CoreContext } from '../kernel/context.js';
import { today } from '../kernel/context.js';
import { dashboard } from './dashboard.js';
import { lpTracker } from './lp-tracker.js';
import { fundMetrics, pipelineBoard } from './pipeline-board.js';

/**
 * The reports as CSV, in the list exports' dialect (exports/writers.ts): UTF-8 with a byte-order mark,
 * CRLF rows, money in currency units with two decimals next to its currency code, formula-looking text
 * neutralized. Reports are bounded (a fund's LPs, its stages), so each file is built in memory.
 */
export interface ReportFile {
  filename: string;
  contentType: string;
  content: string;
}

export type Cell = string | number | boolean | null | undefined;

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
/** The pipeline CSV lists up to this many commitments per stage (the board's own ceiling). */
const PIPELINE_ROWS_PER_STAGE = 2000;
const LP_PAGE = 200;

export const money = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : (minor / 100).toFixed(2));

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  return neutralizeCsvText(value);
}

export function csvText(headers: string[], rows: Cell[][]): string {
  const options = { record_delimiter: 'windows' as const, eof: true };
  return `\uFEFF${stringify([headers, ...rows.map((row) => row.map(cell))], options)}`;
}

export function file(core: CoreContext, report: string, fund: Pick<FundSummary, 'name'> | null, headers: string[], rows: Cell[][]): ReportFile {
  const scope = fund
    ? `-${fund.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}`
    : '';
  return { filename: `${report}${scope}-${today(core)}.csv`, contentType: CSV_CONTENT_TYPE, content: csvText(headers, rows) };
}

const totalsRows = (totals: MetricTotals, currency: string): Cell[][] => [
  ['metric', 'expected', null, money(totals.expected), currency],
  ['metric', 'soft_circled', null, money(totals.softCircled), currency],
  ['metric', 'committed', null, money(totals.committed), currency],
  ['metric', 'closed', null, money(totals.closed), currency],
  ['metric', 'funded', null, money(totals.funded), currency],
  ['metric', 'weighted', null, money(totals.weighted), currency],
  ['metric', 'open', totals.openCount, null, null],
  ['metric', 'lps', totals.lpCount, null, null],
  ['metric', 'declined', totals.declinedCount, null, null],
];
const stageRows = (stages: StageMetric[], currency: string): Cell[][] => stages.map((s) => ['stage', s.stage, s.count, money(s.amount), currency]);
const MEASURE_HEADERS = ['Section', 'Measure', 'Count', 'Amount', 'Currency'];

/** The dashboard's numbers: KPIs, pipeline by stage (and declined), the money metrics. */
export async function dashboardCsv(core: CoreContext, actor: Actor, fundId?: string): Promise<ReportFile> {
  const view = await dashboard(core, actor, fundId);
  const currency = view.fund?.currency ?? '';
  const k = view.kpis;
  const rows: Cell[][] = [
    ['kpi', 'lps', k.lpCount, null, null],
    ['kpi', 'committed', null, money(k.committedAmount), currency],
    ['kpi', 'funded', null, money(k.fundedAmount), currency],
    ['kpi', 'pipeline', null, money(k.pipelineAmount), currency],
    ['kpi', 'weighted_pipeline', null, money(k.weightedPipelineAmount), currency],
    ['kpi', 'active_opportunities', k.activeOpportunities, null, null],
    ['kpi', 'prospects', k.prospectCount, null, null],
    ['kpi', 'communications_this_month', k.communicationsThisMonth, null, null],
    ...stageRows([...view.stages, view.declined], currency),
    ...totalsRows(view.metrics, currency),
  ];
  return file(core, 'dashboard', view.fund, MEASURE_HEADERS, rows);
}

/** One row per fund (or per fund the organization is in): the money metrics of docs/metrics.md. */
export async function metricsCsv(core: CoreContext, query: MetricsQuery): Promise<ReportFile> {
  const view = await fundMetrics(core, query);
  const headers = ['Fund', 'Currency', 'Expected', 'Soft-circled', 'Committed', 'Closed', 'Funded', 'Weighted', 'Open', 'LPs', 'Declined'];
  const rows = view.funds.map(({ fund, totals: t }) => [
    fund.name,
    fund.currency,
    money(t.expected),
    money(t.softCircled),
    money(t.committed),
    money(t.closed),
    money(t.funded),
    money(t.weighted),
    t.openCount,
    t.lpCount,
    t.declinedCount,
  ]);
  return file(core, 'metrics', view.funds.length === 1 ? (view.funds[0]?.fund ?? null) : null, headers, rows);
}

const commitmentHeaders = [
  'Investor',
  'Fund',
  'Stage',
  'Currency',
  'Expected',
  'Committed',
  'Funded',
  'Probability',
  'Expected close',
  'Owner',
  'Primary contact',
  'Next step',
];
const commitmentCells = (c: Commitment): Cell[] => [
  c.organization?.name,
  c.fund?.name,
  c.stage,
  c.currency,
  money(c.expectedAmount),
  money(c.committedAmount),
  money(c.fundedAmount),
  c.effectiveProbability,
  c.expectedCloseOn,
  c.owner?.name,
  c.primaryContact?.name,
  c.nextStep,
];

/** Every LP matching the tracker's filters (all pages) with its paperwork. */
export async function lpTrackerCsv(core: CoreContext, query: LpTrackerExportQuery): Promise<ReportFile> {
  const headers = [
    ...commitmentHeaders,
    'Sub docs sent',
    'Sub docs signed',
    'Wire received',
    'Side letter',
    'K-1 tax years',
    'Accreditation',
    'Qualified purchaser',
  ];
  const rows: Cell[][] = [];
  let fund: FundSummary | null = null;
  for (let offset = 0; ; offset += LP_PAGE) {
    const page = await lpTracker(core, { ...query, limit: LP_PAGE, offset });
    fund = page.fund;
    for (const row of page.rows) {
      rows.push([
        ...commitmentCells(row),
        row.subscriptionDocsSentOn,
        row.subscriptionDocsSignedOn,
        row.wireReceivedOn,
        row.sideLetter,
        row.k1SentTaxYears.join('; '),
        row.accreditationStatus,
        row.qualifiedPurchaser,
      ]);
    }
    if (page.rows.length < LP_PAGE) break;
  }
  return file(core, 'lp-tracker', fund, headers, rows);
}

/** The board's commitments, stage by stage in board order, largest first within a stage. */
export async function pipelineCsv(core: CoreContext, query: PipelineExportQuery): Promise<ReportFile> {
  const more = Object.fromEntries([...PIPELINE_STAGES, 'declined'].map((stage) => [stage, PIPELINE_ROWS_PER_STAGE]));
  const board = await pipelineBoard(core, { ...query, limit: 200, more });
  const rows = board.stages.flatMap((stage) => stage.cards.map(commitmentCells));
  return file(core, 'pipeline', board.fund, commitmentHeaders, rows);
}
