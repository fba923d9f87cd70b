import { REPORT_CSV_TABLES } from '@lpdesk/contracts';
import {
  type Actor,
  activityTables,
  type Core,
  conversionTables,
  fundProgressTables,
  invoke,
  lpBreakdownTables,
  operations,
  pipelineAnalysisTables,
  reportTable,
  reupsTables,
  tearSheetTables,
} from '@lpdesk/core';
import type { Command } from 'commander';
import { type GlobalOptions, withCore } from '../context.js';
import { CliError, EXIT, print } from '../io.js';

/** The reports `lpdesk report` knows, by the names of their HTTP routes (docs/reports.md). */
const REPORTS = ['fund-progress', 'pipeline', 'conversion', 'lp-breakdown', 'reups', 'activity', 'tear-sheet'] as const;
type ReportName = (typeof REPORTS)[number];

interface ReportOptions {
  fund?: string;
  fromFund?: string;
  toFund?: string;
  from?: string;
  to?: string;
  coldDays?: string;
  organization?: string;
  table?: string;
  csv?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fund by id, or by its exact name (case-insensitive). */
async function fundId(core: Core, actor: Actor, value: string | undefined, flag: string): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (UUID.test(value)) return value;
  const funds = await invoke(operations.funds.list, { core, actor }, { q: value, limit: 50 });
  const found = funds.data.find((f) => f.name.toLowerCase() === value.toLowerCase());
  if (!found) throw new CliError(`${flag}: no fund named “${value}” (give its name or id)`, EXIT.notFound);
  return found.id;
}

/** Columns padded to their widest cell; numbers right-aligned. */
function aligned(headers: string[], rows: unknown[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((row) => row[i] === null || row[i] === undefined || /^-?\d+(\.\d+)?$/.test(String(row[i]))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

async function run(core: Core, actor: Actor, name: ReportName, opts: ReportOptions) {
  const ctx = { core, actor };
  const table = opts.table;
  const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
  const fund = await fundId(core, actor, opts.fund, '--fund');
  const scoped = fund ? { fundId: fund } : {};
  switch (name) {
    case 'fund-progress': {
      const input = { ...scoped, ...range };
      if (opts.csv) return invoke(operations.analytics.fundProgressCsv, ctx, { ...input, table });
      const report = await invoke(operations.analytics.fundProgress, ctx, input);
      const summary = `${report.fund?.name ?? 'No fund'}: target ${report.targetAmount ?? '—'}, soft-circled ${report.softCircledAmount}, committed ${report.committedAmount}, closed ${report.closedAmount}, funded ${report.fundedAmount} (minor units); series by ${report.bucket}`;
      return { summary, ...reportTable(fundProgressTables(report), 'fund-progress', table) };
    }
    case 'pipeline': {
      if (opts.csv) return invoke(operations.analytics.pipelineCsv, ctx, { ...scoped, table });
      const report = await invoke(operations.analytics.pipeline, ctx, scoped);
      return {
        summary: `${report.fund?.name ?? 'No fund'}: open pipeline ${report.open.count} commitments`,
        ...reportTable(pipelineAnalysisTables(report), 'pipeline-analysis', table),
      };
    }
    case 'conversion': {
      const input = { ...scoped, ...range };
      if (opts.csv) return invoke(operations.analytics.conversionCsv, ctx, { ...input, table });
      const report = await invoke(operations.analytics.conversion, ctx, input);
      const rate = report.winRate.rate === null ? '—' : `${Math.round(report.winRate.rate * 100)} %`;
      return {
        summary: `${report.fund?.name ?? 'No fund'}, pipeline entered ${report.from} to ${report.to}: win rate ${rate} (${report.winRate.won} won, ${report.winRate.lost} lost)`,
        ...reportTable(conversionTables(report), 'conversion', table),
      };
    }
    case 'lp-breakdown': {
      if (opts.csv) return invoke(operations.analytics.lpBreakdownCsv, ctx, { ...scoped, table });
      const report = await invoke(operations.analytics.lpBreakdown, ctx, scoped);
      const share = report.concentration.top10Share === null ? '—' : `${Math.round(report.concentration.top10Share * 100)} %`;
      return {
        summary: `${report.fund?.name ?? 'No fund'}: ${report.lpCount} LPs; top ten hold ${share} of committed`,
        ...reportTable(lpBreakdownTables(report), 'lp-breakdown', table),
      };
    }
    case 'reups': {
      const fromFundId = await fundId(core, actor, opts.fromFund, '--from-fund');
      const toFundId = await fundId(core, actor, opts.toFund, '--to-fund');
      if (!fromFundId || !toFundId) throw new CliError('reups needs --from-fund <name or id> and --to-fund <name or id>');
      if (opts.csv) return invoke(operations.analytics.reupsCsv, ctx, { fromFundId, toFundId, table });
      const rows = await invoke(operations.analytics.reups, ctx, { fromFundId, toFundId });
      // Amounts are in the currency of the fund being raised, as in the CSV export.
      const toFund = await invoke(operations.funds.get, ctx, { id: toFundId });
      return { summary: `${rows.length} prior LPs`, ...reportTable(reupsTables(rows, toFund.currency), 'reups', table) };
    }
    case 'activity': {
      const input = { ...range, ...(opts.coldDays ? { coldDays: opts.coldDays } : {}) };
      if (opts.csv) return invoke(operations.analytics.activityCsv, ctx, { ...input, table });
      const report = await invoke(operations.analytics.activity, ctx, input);
      return {
        summary: `Touches ${report.from} to ${report.to}; ${report.cold.length} investors cold for ${report.coldDays} days`,
        ...reportTable(activityTables(report), 'activity', table),
      };
    }
    case 'tear-sheet': {
      if (!opts.organization) throw new CliError('tear-sheet needs --organization <id>');
      const input = { organizationId: opts.organization };
      if (opts.csv) return invoke(operations.analytics.tearSheetCsv, ctx, { ...input, table });
      const sheet = await invoke(operations.analytics.tearSheet, ctx, input);
      return {
        summary: `${sheet.organization.name} (${sheet.organization.kind})${sheet.organization.location ? `, ${sheet.organization.location}` : ''}`,
        ...reportTable(tearSheetTables(sheet), 'tear-sheet', table),
      };
    }
  }
}

export function registerReport(program: Command) {
  program
    .command('report')
    .description('Print a report (docs/reports.md) as a table, or one of its tables as CSV')
    .argument('<name>', REPORTS.join('|'))
    .option('--fund <fund>', 'fund name or id (default: the fund being raised)')
    .option('--from-fund <fund>', 'reups: the prior fund')
    .option('--to-fund <fund>', 'reups: the new fund')
    .option('--from <date>', 'first day (YYYY-MM-DD, team time zone)')
    .option('--to <date>', 'last day (YYYY-MM-DD), default today')
    .option('--cold-days <n>', 'activity: days without a touch that make an investor cold', undefined)
    .option('--organization <id>', 'tear-sheet: the investor')
    .option('--table <name>', 'which of the report’s tables (see docs/reports.md)')
    .option('--csv', 'write the table as CSV (UTF-8 with a byte-order mark) instead')
    .action(async (name: string, opts: ReportOptions, command: Command) => {
      if (!(REPORTS as readonly string[]).includes(name)) throw new CliError(`Unknown report “${name}”: pick one of ${REPORTS.join(', ')}`);
      const report = name as ReportName;
      const routeName = report === 'pipeline' ? 'pipeline-analysis' : report;
      const tables: readonly string[] = REPORT_CSV_TABLES[routeName];
      if (opts.table && !tables.includes(opts.table)) throw new CliError(`--table: ${name} has the tables ${tables.join(', ')}`);
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withCore(globals, (core, actor) => run(core, actor, report, opts));
      if ('content' in result) {
        process.stdout.write(result.content);
        return;
      }
      if (globals.json) return print({ table: result.table, headers: result.headers, rows: result.rows }, true);
      print(`${result.summary}\n\n${result.table}\n${aligned(result.headers, result.rows)}`, false);
    });
}
