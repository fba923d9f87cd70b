import { LpTrackerQuery } from '@lpdesk/contracts';
import { type Compilable, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { explain } from '../testing/query-plans.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { lpPageQuery, lpTotalsQuery } from './lp-tracker.js';
import { investorCounts, stageMetricsQuery } from './metrics.js';

/**
 * The report queries can use the indexes of 0007_report_indexes on both dialects. With a handful of
 * rows PostgreSQL would rightly prefer a sequential scan, so the test turns those off for its own
 * transaction: what it proves is that the index is usable for the query as written (literal stage
 * lists, matching partial-index predicates, the sort order spelled as the index stores it).
 */
describe.each(testDialects())('report query plans on %s', (dialect) => {
  let core: TestCore;
  let fundId: string;
  const actor = testActor();
  beforeAll(async () => {
    core = await openTestCore(dialect);
    const fund = await invoke(operations.funds.create, { core, actor }, { name: 'Plan Fund', vintage: 2031 });
    fundId = fund.id;
    for (let i = 0; i < 6; i += 1) {
      const investor = await invoke(operations.organizations.create, { core, actor }, { name: `Plan LP ${i}` });
      await invoke(
        operations.commitments.create,
        { core, actor },
        { organizationId: investor.id, fundId, stage: i % 2 ? 'committed' : 'meeting', committedAmount: i * 100 },
      );
    }
    if (dialect !== 'sqlite') await sql`analyze`.execute(core.db);
  });
  afterAll(() => core.dispose());

  /** The plan as text, one line per step; PostgreSQL may use neither a sequential nor a bitmap scan. */
  const plan = async (query: Compilable) => (await explain(core.db, core.dialect, query.compile(), { discourage: ['seqscan', 'bitmapscan'] })).text;

  it("the LP tracker's first page reads the fund's LPs in order from commitments_lp_tracker_idx", async () => {
    const text = await plan(lpPageQuery(core, fundId, LpTrackerQuery.parse({})));
    expect(text).toMatch(/commitments_lp_tracker_idx/);
    // The index delivers the order, so the page needs no sort of all the fund's LPs.
    if (dialect === 'sqlite') expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    else expect(text).not.toMatch(/Sort/);
  });

  it("the LP tracker's totals sum the fund's LPs from an index alone", async () => {
    const text = await plan(lpTotalsQuery(core, fundId, LpTrackerQuery.parse({})));
    // Either index holds every column the totals need; the planners pick the narrower range.
    expect(text).toMatch(/commitments_(lp_tracker|live_fund_stage)_idx/);
    expect(text).toMatch(dialect === 'sqlite' ? /COVERING INDEX/ : /Index Only Scan/);
    expect(text).not.toMatch(/SCAN c\b(?! USING)|Seq Scan on commitments/);
  });

  it("the dashboard's stage totals scan the fund's live commitments in an index", async () => {
    const text = await plan(stageMetricsQuery(core.db, { fundId }));
    expect(text).toMatch(/commitments_(live_fund_stage|fund_stage)_idx/);
    if (dialect === 'sqlite') expect(text).toMatch(/COVERING INDEX commitments_live_fund_stage_idx/);
    // Trashed investors come from their own small index, not a lookup per commitment.
    expect(text).toMatch(/organizations_trashed_idx/);
  });

  it('the firm-wide investor counts still answer correctly', async () => {
    expect(await investorCounts(core.db)).toEqual({ lpCount: 3, prospectCount: 3 });
  });
});
