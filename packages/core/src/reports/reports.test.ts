import { COMMITTED_STAGES, effectiveProbability, isCommittedStage, isOpenStage, type LpTrackerRow, PIPELINE_STAGES, Stage, stageAmount } from '@lpdesk/contracts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

const STAGES = Stage.options;
const actor = testActor();

/** A small deterministic generator, so the "varied" data set is the same on every run and dialect. */
function sequence(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
}

async function makeFund(core: TestCore, name: string, vintage: number) {
  return invoke(operations.funds.create, { core, actor }, { name, vintage, status: 'raising' });
}

async function makeInvestor(core: TestCore, name: string) {
  return invoke(operations.organizations.create, { core, actor }, { name, kind: 'family_office' });
}

async function makeCommitment(core: TestCore, input: Record<string, unknown>) {
  return invoke(operations.commitments.create, { core, actor }, { ...(input.stage === 'declined' ? { declinedReason: 'Passed' } : {}), ...input });
}

function tracker(core: TestCore, query: Record<string, unknown>) {
  return invoke(operations.reports.lpTracker, { core, actor }, query);
}

/** Every page of the tracker for a query, fetched `limit` at a time. */
async function allPages(core: TestCore, query: Record<string, unknown>, limit: number) {
  const pages: LpTrackerRow[][] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await tracker(core, { ...query, limit, offset });
    pages.push(page.rows);
    if (offset + limit >= page.total) return { pages, total: page.total };
  }
}

describe.each(testDialects())('report aggregates equal the JavaScript rules, on %s', (dialect) => {
  // Firm-wide counts (LPs, prospects) see every row, so this test owns its database.
  let core: TestCore;
  beforeEach(async () => {
    core = await openTestCore(dialect);
  });
  afterEach(() => core.dispose());

  it('stage totals, KPIs and the LP summary match stageAmount and effectiveProbability row by row', async () => {
    const next = sequence(7);
    const raising = await makeFund(core, 'Fund III', 2031);
    const other = await makeFund(core, 'Fund I', 2019);
    const investors = [];
    for (let i = 0; i < 30; i += 1) investors.push(await makeInvestor(core, `Investor ${String(i).padStart(2, '0')}`));
    const amount = () => [null, 0, 1, 99, 250_000_00, 1_234_567_89][next(6)] ?? null;
    for (const [i, investor] of investors.entries()) {
      const stage = STAGES[i % STAGES.length] as Stage;
      await makeCommitment(core, {
        organizationId: investor.id,
        fundId: raising.id,
        stage,
        expectedAmount: amount(),
        // Entering a committed stage needs the committed amount; elsewhere it may be unknown.
        committedAmount: isCommittedStage(stage) ? (amount() ?? 0) : amount(),
        fundedAmount: amount(),
        // Overrides include 0 and 100, and a third of the rows keep the stage default.
        probability: [null, 0, 33, 100, 67][next(5)] ?? null,
      });
      if (i % 3 === 0)
        await makeCommitment(core, {
          organizationId: investor.id,
          fundId: other.id,
          stage: STAGES[next(STAGES.length)],
          expectedAmount: amount(),
          committedAmount: amount() ?? 5,
        });
    }
    // Trashed investors and trashed commitments count nowhere.
    const trashedInvestors = [investors[5], investors[14]];
    for (const investor of trashedInvestors) await invoke(operations.organizations.delete, { core, actor }, { id: investor?.id });
    const someCommitments = await core.db.selectFrom('commitments').select('id').where('fundId', '=', raising.id).orderBy('id').limit(3).execute();
    for (const { id } of someCommitments.slice(0, 2)) await invoke(operations.commitments.delete, { core, actor }, { id });

    // The definitions, applied row by row in JavaScript as the reports did before they moved to SQL.
    const live = await core.db
      .selectFrom('commitments as c')
      .innerJoin('organizations as o', 'o.id', 'c.organizationId')
      .selectAll('c')
      .where('c.deletedAt', 'is', null)
      .where('o.deletedAt', 'is', null)
      .execute();
    const inFund = live.filter((c) => c.fundId === raising.id);
    const open = inFund.filter((c) => isOpenStage(c.stage as Stage));
    const committed = inFund.filter((c) => isCommittedStage(c.stage as Stage));
    const lps = new Set(live.filter((c) => isCommittedStage(c.stage as Stage)).map((c) => c.organizationId));
    const prospects = new Set(live.filter((c) => isOpenStage(c.stage as Stage) && !lps.has(c.organizationId)).map((c) => c.organizationId));
    const sum = (rows: typeof live, value: (row: (typeof live)[number]) => number) => rows.reduce((total, row) => total + value(row), 0);
    expect(open.length).toBeGreaterThan(5);
    expect(committed.length).toBeGreaterThan(3);
    expect(inFund.some((c) => c.probability !== null && isOpenStage(c.stage as Stage))).toBe(true);

    const dashboard = await invoke(operations.reports.dashboard, { core, actor }, { fundId: raising.id });
    const amountOf = (c: (typeof live)[number]) => stageAmount({ ...c, stage: c.stage as Stage });
    const stageRow = (stage: Stage) => {
      const rows = inFund.filter((c) => c.stage === stage);
      return { stage, count: rows.length, amount: sum(rows, amountOf) };
    };
    // Pipeline by stage leaves declined out; it is reported on its own.
    expect(dashboard.stages).toEqual(PIPELINE_STAGES.map(stageRow));
    expect(dashboard.declined).toEqual(stageRow('declined'));
    expect(dashboard.kpis).toEqual({
      lpCount: lps.size,
      committedAmount: sum(committed, (c) => Number(c.committedAmount ?? 0)),
      fundedAmount: sum(committed, (c) => Number(c.fundedAmount ?? 0)),
      pipelineAmount: sum(open, (c) => Number(c.expectedAmount ?? 0)),
      weightedPipelineAmount: Math.round(sum(open, (c) => (Number(c.expectedAmount ?? 0) * effectiveProbability(c.stage as Stage, c.probability)) / 100)),
      activeOpportunities: open.length,
      prospectCount: prospects.size,
      communicationsThisMonth: 0,
    });

    const lpCommitted = sum(committed, (c) => Number(c.committedAmount ?? 0));
    const lp = await tracker(core, { fundId: raising.id, limit: 200 });
    expect(lp.summary).toEqual({
      committedAmount: lpCommitted,
      fundedAmount: sum(committed, (c) => Number(c.fundedAmount ?? 0)),
      averageCommitment: Math.round(lpCommitted / committed.length),
      lpCount: committed.length,
    });
    expect(lp.total).toBe(committed.length);
    expect(lp.rows.map((r) => r.id).sort()).toEqual(committed.map((c) => c.id).sort());
    expect(lp.rows.every((r) => (COMMITTED_STAGES as string[]).includes(r.stage))).toBe(true);
  });

  it('a firm with no fund yet answers zeros', async () => {
    const dashboard = await invoke(operations.reports.dashboard, { core, actor }, {});
    expect(dashboard.fund).toBeNull();
    expect(dashboard.kpis).toEqual({
      lpCount: 0,
      committedAmount: 0,
      fundedAmount: 0,
      pipelineAmount: 0,
      weightedPipelineAmount: 0,
      activeOpportunities: 0,
      prospectCount: 0,
      communicationsThisMonth: 0,
    });
    expect(dashboard.stages.every((s) => s.count === 0 && s.amount === 0)).toBe(true);
    expect(dashboard.stages.map((s) => s.stage)).toEqual([...PIPELINE_STAGES]);
    expect(await tracker(core, {})).toMatchObject({ fund: null, rows: [], total: 0, limit: 50, offset: 0, summary: { lpCount: 0 } });
  });
});

describe.each(testDialects())('LP tracker pages, sorts and filters in the database, on %s', (dialect) => {
  // Each test makes its own fund and asks only about it.
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  /**
   * 23 LPs whose committed amounts tie in groups, plus rows the tracker must leave out. Some amounts
   * are unknown, as on rows from before a committed amount was required: written straight to the table,
   * since no command lets a committed commitment lose its amount.
   */
  async function fundWithTies(label: string) {
    const fund = await makeFund(core, `Ties ${label}`, 2031);
    const amounts = [500, 500, 500, 300, 300, null, null, 900, 100, 100, 100, 100, 700, 700, 50, 50, 500, 300, null, 900, 1, 1, 1];
    for (const [i, committedAmount] of amounts.entries()) {
      const investor = await makeInvestor(core, `${label} LP ${String.fromCharCode(90 - i)}`);
      await makeCommitment(core, {
        organizationId: investor.id,
        fundId: fund.id,
        stage: i % 4 === 0 ? 'closed' : 'committed',
        committedAmount: committedAmount ?? 0,
        fundedAmount: i % 3 === 0 ? null : i,
      });
      if (committedAmount === null) await core.db.updateTable('commitments').set({ committedAmount: null }).where('organizationId', '=', investor.id).execute();
    }
    const prospect = await makeInvestor(core, `${label} prospect`);
    await makeCommitment(core, { organizationId: prospect.id, fundId: fund.id, stage: 'soft_circle', expectedAmount: 10_000 });
    return { fund, count: amounts.length };
  }

  it('pages are disjoint, complete and in a stable order with ties broken by id', async () => {
    const { fund, count } = await fundWithTies('paging');
    const { pages, total } = await allPages(core, { fundId: fund.id }, 5);
    expect(total).toBe(count);
    expect(pages).toHaveLength(5);
    const ids = pages.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(count);
    const whole = await tracker(core, { fundId: fund.id, limit: 200 });
    expect(whole.rows.map((r) => r.id)).toEqual(ids);
    // Largest first; an unknown amount sorts as the smallest; the id breaks ties.
    const key = (r: LpTrackerRow) => r.committedAmount ?? -1;
    for (const [i, row] of whole.rows.entries()) {
      const previous = whole.rows[i - 1];
      if (!previous) continue;
      expect(key(previous) > key(row) || (key(previous) === key(row) && previous.id < row.id)).toBe(true);
    }
    expect(whole.rows.at(-1)?.committedAmount).toBeNull();
    // The same page asked twice is the same page.
    expect((await tracker(core, { fundId: fund.id, limit: 5, offset: 5 })).rows.map((r) => r.id)).toEqual(pages[1]?.map((r) => r.id));
    // The summary covers the fund, not the page.
    const page = await tracker(core, { fundId: fund.id, limit: 5, offset: 10 });
    expect(page).toMatchObject({ total: count, limit: 5, offset: 10, summary: whole.summary });
    expect(page.summary.lpCount).toBe(count);
  });

  it('sorts by name, funded amount and stage in either direction, stably', async () => {
    const { fund } = await fundWithTies('sorting');
    const byName = await tracker(core, { fundId: fund.id, limit: 200, sort: 'name' });
    const names = byName.rows.map((r) => r.organization?.name ?? '');
    expect(names).toEqual([...names].sort());
    const byNameDesc = await tracker(core, { fundId: fund.id, limit: 200, sort: '-name' });
    expect(byNameDesc.rows.map((r) => r.id)).toEqual(byName.rows.map((r) => r.id).reverse());

    for (const sort of ['fundedAmount', '-fundedAmount', 'stage', '-stage', 'committedAmount']) {
      const { pages } = await allPages(core, { fundId: fund.id, sort }, 4);
      const whole = await tracker(core, { fundId: fund.id, limit: 200, sort });
      expect(pages.flat().map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
    }
    const funded = (await tracker(core, { fundId: fund.id, limit: 200, sort: 'fundedAmount' })).rows.map((r) => r.fundedAmount ?? -1);
    expect(funded).toEqual([...funded].sort((a, b) => a - b));
    await expect(tracker(core, { fundId: fund.id, sort: 'probability' })).rejects.toThrow(/unknown sort field/);
  });

  it('filters by investor name and by missing paperwork, with totals over the filtered LPs', async () => {
    const fund = await makeFund(core, 'Paperwork Fund', 2031);
    const k1Year = 2030;
    const cases = [
      { name: 'Alder Trust', committed: 100, signed: '2031-01-05', wire: '2031-01-10', k1: [k1Year], accreditation: 'verified' },
      { name: 'Birch Pension', committed: 200, signed: null, wire: '2031-01-10', k1: [], accreditation: 'pending' },
      { name: 'Cedar Endowment', committed: 300, signed: '2031-01-05', wire: null, k1: [k1Year - 1], accreditation: null },
      { name: 'Alder Family Office', committed: 400, signed: null, wire: null, k1: [k1Year], accreditation: 'verified' },
    ] as const;
    const ids: Record<string, string> = {};
    for (const c of cases) {
      const investor = await makeInvestor(core, c.name);
      const contact = c.accreditation
        ? await invoke(
            operations.contacts.create,
            { core, actor },
            {
              lastName: `${c.name} contact`,
              organizationId: investor.id,
              accreditationStatus: c.accreditation,
              qualifiedPurchaser: c.accreditation === 'verified',
            },
          )
        : null;
      const commitment = await makeCommitment(core, {
        organizationId: investor.id,
        fundId: fund.id,
        stage: 'committed',
        committedAmount: c.committed,
        fundedAmount: c.committed / 2,
        subscriptionDocsSignedOn: c.signed,
        wireReceivedOn: c.wire,
        k1SentTaxYears: [...c.k1],
        primaryContactId: contact?.id ?? null,
      });
      ids[c.name] = commitment.id;
    }
    const names = async (query: Record<string, unknown>) =>
      (await tracker(core, { fundId: fund.id, limit: 200, ...query })).rows.map((r) => r.organization?.name);

    expect(await names({ q: 'ALDER' })).toEqual(['Alder Family Office', 'Alder Trust']);
    expect(await names({ q: '100%' })).toEqual([]);
    expect(await names({ missing: 'subscriptionDocs' })).toEqual(['Alder Family Office', 'Birch Pension']);
    expect(await names({ missing: 'wire' })).toEqual(['Alder Family Office', 'Cedar Endowment']);
    expect(await names({ missing: 'k1', k1TaxYear: k1Year })).toEqual(['Cedar Endowment', 'Birch Pension']);
    expect(await names({ missing: 'k1', k1TaxYear: k1Year - 1 })).toEqual(['Alder Family Office', 'Birch Pension', 'Alder Trust']);
    expect(await names({ missing: 'accreditation' })).toEqual(['Cedar Endowment', 'Birch Pension']);
    expect(await names({ missing: 'wire', q: 'cedar' })).toEqual(['Cedar Endowment']);

    // The team's clock is in 2031 (TEST_NOW or later): the default K-1 year is the one before.
    const defaultYear = (await names({ missing: 'k1' })).length;
    expect(defaultYear).toBeGreaterThan(0);

    const filtered = await tracker(core, { fundId: fund.id, q: 'alder' });
    expect(filtered.summary).toEqual({ committedAmount: 500, fundedAmount: 250, averageCommitment: 250, lpCount: 2 });
    expect(filtered.total).toBe(2);

    const row = (await tracker(core, { fundId: fund.id, q: 'Alder Trust' })).rows[0];
    expect(row).toMatchObject({ id: ids['Alder Trust'], accreditationStatus: 'verified', qualifiedPurchaser: true, k1SentTaxYears: [k1Year] });
    const noContact = (await tracker(core, { fundId: fund.id, q: 'Cedar' })).rows[0];
    expect(noContact).toMatchObject({ accreditationStatus: null, qualifiedPurchaser: null, primaryContact: null });
  });

  it('leaves out trashed commitments, trashed investors, other funds and open stages', async () => {
    const { fund, count } = await fundWithTies('trash');
    const elsewhere = await makeFund(core, 'Elsewhere', 2031);
    const outsider = await makeInvestor(core, 'trash outsider');
    await makeCommitment(core, { organizationId: outsider.id, fundId: elsewhere.id, stage: 'committed', committedAmount: 5 });
    const [first, second] = (await tracker(core, { fundId: fund.id, limit: 2 })).rows;
    await invoke(operations.commitments.delete, { core, actor }, { id: first?.id });
    await invoke(operations.organizations.delete, { core, actor }, { id: second?.organizationId });
    const after = await tracker(core, { fundId: fund.id, limit: 200 });
    expect(after.total).toBe(count - 2);
    expect(after.rows.map((r) => r.id)).not.toContain(first?.id);
    expect(after.rows.map((r) => r.id)).not.toContain(second?.id);
    await invoke(operations.organizations.restore, { core, actor }, { id: second?.organizationId });
    expect((await tracker(core, { fundId: fund.id })).total).toBe(count - 1);
  });

  it('refuses bad queries', async () => {
    for (const query of [{ limit: 201 }, { limit: 0 }, { offset: -1 }, { missing: 'everything' }, { k1TaxYear: 'soon' }, { sort: 'name;drop' }, { page: 2 }]) {
      await expect(tracker(core, query)).rejects.toThrow();
    }
    await expect(tracker(core, { fundId: '01a235d3-1c4f-7714-8afe-dbcadbf5d858' })).rejects.toThrow(/Fund/);
  });
});
