import { PassThrough } from 'node:stream';
import { ActivityExportQuery, ActivityListQuery, LpTrackerQuery, PipelineBoardQuery } from '@lpdesk/contracts';
import { prepareActivityExport } from '../activity/export.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { seedDemo } from '../seed/demo.js';
import { parseCsv } from '../testing/csv.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';

const actor = testActor({ kind: 'system', door: 'cli' });
const cents = (units: string) => Math.round(Number(units) * 100);

/** Rows as objects keyed by the header (the byte-order mark stripped). */
function tableOf(content: string): Record<string, string>[] {
  expect(content.startsWith('\uFEFF')).toBe(true);
  const [headers = [], ...rows] = parseCsv(content.slice(1));
  return rows.map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index] ?? ''])));
}

describe.each(testDialects())('report CSV exports on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor });

  beforeAll(async () => {
    core = await openTestCore(dialect);
    // Two copies: the LP tracker has more LPs than some pages hold.
    await seedDemo(core, actor, { copies: 2 });
  });
  afterAll(() => core.dispose());

  it('dashboard: the KPIs, stages and metrics the dashboard shows', async () => {
    const view = await invoke(operations.reports.dashboard, ctx(), {});
    const file = await invoke(operations.reports.dashboardCsv, ctx(), {});
    expect(file.filename).toMatch(/^dashboard-.+-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = tableOf(file.content);
    const find = (section: string, measure: string) => rows.find((r) => r.Section === section && r.Measure === measure);
    expect(Number(find('kpi', 'lps')?.Count)).toBe(view.kpis.lpCount);
    expect(cents(find('kpi', 'committed')?.Amount ?? '')).toBe(view.kpis.committedAmount);
    expect(cents(find('kpi', 'weighted_pipeline')?.Amount ?? '')).toBe(view.kpis.weightedPipelineAmount);
    for (const stage of [...view.stages, view.declined]) {
      expect(Number(find('stage', stage.stage)?.Count), stage.stage).toBe(stage.count);
      expect(cents(find('stage', stage.stage)?.Amount ?? ''), stage.stage).toBe(stage.amount);
    }
    expect(cents(find('metric', 'funded')?.Amount ?? '')).toBe(view.metrics.funded);
    expect(find('kpi', 'committed')?.Currency).toBe(view.fund?.currency);
  });

  it('LP tracker: every LP across pages, with the totals of the tracker', async () => {
    const view = await invoke(operations.reports.lpTracker, ctx(), LpTrackerQuery.parse({ limit: 5 }));
    expect(view.total).toBeGreaterThan(5);
    const rows = tableOf((await invoke(operations.reports.lpTrackerCsv, ctx(), {})).content);
    expect(rows).toHaveLength(view.summary.lpCount);
    expect(rows.reduce((sum, row) => sum + cents(row.Committed ?? '0'), 0)).toBe(view.summary.committedAmount);
    expect(rows.reduce((sum, row) => sum + cents(row.Funded || '0'), 0)).toBe(view.summary.fundedAmount);
    expect(rows[0]?.Investor).toBe(view.rows[0]?.organization?.name);
    const missingWire = await invoke(operations.reports.lpTracker, ctx(), LpTrackerQuery.parse({ missing: 'wire' }));
    expect(tableOf((await invoke(operations.reports.lpTrackerCsv, ctx(), { missing: 'wire' })).content)).toHaveLength(missingWire.total);
  });

  it('pipeline: every commitment on the board, stage by stage, with the stage counts', async () => {
    const board = await invoke(operations.reports.pipeline, ctx(), PipelineBoardQuery.parse({ limit: 1 }));
    const rows = tableOf((await invoke(operations.reports.pipelineCsv, ctx(), {})).content);
    for (const stage of board.stages) {
      const inStage = rows.filter((row) => row.Stage === stage.stage);
      expect(inStage, stage.stage).toHaveLength(stage.count);
    }
    expect(rows.every((row) => row.Fund === board.fund?.name)).toBe(true);
  });

  it('metrics: one row per fund with its totals', async () => {
    const view = await invoke(operations.reports.metrics, ctx(), {});
    const rows = tableOf((await invoke(operations.reports.metricsCsv, ctx(), {})).content);
    expect(rows).toHaveLength(view.funds.length);
    for (const { fund, totals } of view.funds) {
      const row = rows.find((r) => r.Fund === fund.name);
      expect(cents(row?.Committed ?? ''), fund.name).toBe(totals.committed);
      expect(cents(row?.Weighted ?? ''), fund.name).toBe(totals.weighted);
      expect(Number(row?.LPs)).toBe(totals.lpCount);
    }
  });

  it('activity: every entry the filters match, newest first, streamed', async () => {
    const streamed = async (query: Record<string, string>) => {
      // Pages of 40: the export crosses page boundaries as a long log would.
      const file = prepareActivityExport(core, ActivityExportQuery.parse(query), { pageSize: 40 });
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      const count = await file.writeTo(sink);
      return { count, rows: tableOf(Buffer.concat(chunks).toString('utf8')) };
    };
    const all = await invoke(operations.reports.activity, ctx(), ActivityListQuery.parse({ limit: 1 }));
    expect(all.total).toBeGreaterThan(100);
    expect((await invoke(operations.reports.activityCsv, ctx(), {})).filename).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
    const { count, rows } = await streamed({});
    expect(count).toBe(all.total);
    expect(rows).toHaveLength(all.total);
    expect(rows[0]?.['Entry id']).toBe(all.data[0]?.id);
    expect(rows[0]?.Summary).toBe(all.data[0]?.summary);
    const funds = await invoke(operations.reports.activity, ctx(), ActivityListQuery.parse({ entityType: 'fund', limit: 1 }));
    const fundRows = (await streamed({ entityType: 'fund' })).rows;
    expect(fundRows).toHaveLength(funds.total);
    expect(fundRows.every((row) => row['Record type'] === 'fund')).toBe(true);
  });
});
