import type { Stage } from '@lpdesk/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../kernel/actor.js';
import { Invalid } from '../kernel/errors.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';

const actor = testActor();
const M = 100_000_000; // $1M in cents

describe.each(testDialects())('every screen shows the same numbers on the demo data, on %s', (dialect) => {
  let core: TestCore;
  const ctx = () => ({ core, actor });
  beforeEach(async () => {
    core = await openTestCore(dialect);
    await invoke(operations.seed.demo, { core, actor: systemActor('cli') }, {});
  });
  afterEach(() => core.dispose());

  async function commitmentOf(investor: string) {
    const board = await invoke(operations.reports.pipeline, ctx(), { q: investor });
    const card = board.stages.flatMap((s) => s.cards).find((c) => c.organization?.name === investor);
    if (!card) throw new Error(`no card for ${investor}`);
    return card;
  }
  const move = async (investor: string, stage: Stage, extra: { committedAmount?: number; reason?: string } = {}) =>
    invoke(operations.commitments.moveStage, ctx(), { id: (await commitmentOf(investor)).id, move: { stage, ...extra } });

  /** What each screen reads: the pipeline board, the dashboard, the LP tracker, the organizations' own totals. */
  async function screens() {
    const [board, dashboard, lpTracker] = await Promise.all([
      invoke(operations.reports.pipeline, ctx(), { limit: 200 }),
      invoke(operations.reports.dashboard, ctx(), {}),
      invoke(operations.reports.lpTracker, ctx(), { limit: 200 }),
    ]);
    const fundId = board.fund?.id;
    const investorIds = [...new Set(board.stages.flatMap((s) => s.cards.map((c) => c.organizationId)))];
    const perOrganization = await Promise.all(investorIds.map((organizationId) => invoke(operations.reports.metrics, ctx(), { organizationId })));
    const organizationTotals = perOrganization.flatMap((m) => m.funds.filter((f) => f.fund.id === fundId).map((f) => f.totals));
    const sumOf = (field: 'committed' | 'expected' | 'funded' | 'closed') => organizationTotals.reduce((sum, t) => sum + t[field], 0);
    return { board, dashboard, lpTracker, organizations: { committed: sumOf('committed'), expected: sumOf('expected'), funded: sumOf('funded'), closed: sumOf('closed') } };
  }

  async function expectAgreement() {
    const { board, dashboard, lpTracker, organizations } = await screens();
    const column = (stage: Stage) => board.stages.find((s) => s.stage === stage);
    const bar = (stage: Stage) => dashboard.stages.find((s) => s.stage === stage);
    const committed = board.totals.committed;
    // Committed: the pipeline header, the committed + closed columns, the dashboard KPI and its bars,
    // the LP tracker's summary and its rows, and the investors' own totals.
    expect((column('committed')?.amount ?? 0) + (column('closed')?.amount ?? 0)).toBe(committed);
    expect(dashboard.kpis.committedAmount).toBe(committed);
    expect(dashboard.metrics).toEqual(board.totals);
    expect((bar('committed')?.amount ?? 0) + (bar('closed')?.amount ?? 0)).toBe(committed);
    expect(lpTracker.summary.committedAmount).toBe(committed);
    expect(lpTracker.rows.reduce((sum, row) => sum + (row.committedAmount ?? 0), 0)).toBe(committed);
    expect(organizations.committed).toBe(committed);
    // Every card's stage amount adds up to its column (no column is cut at this size).
    for (const stage of board.stages) {
      expect(stage.cards).toHaveLength(stage.count);
      const cardSum = stage.cards.reduce((sum, c) => sum + Number((['committed', 'closed'].includes(c.stage) ? c.committedAmount : c.expectedAmount) ?? 0), 0);
      expect(cardSum, stage.stage).toBe(stage.amount);
    }
    // The dashboard's bars are the board's columns, declined apart.
    expect(dashboard.stages).toEqual(board.stages.filter((s) => s.stage !== 'declined').map(({ cards: _cards, ...s }) => s));
    expect(dashboard.declined).toEqual((({ cards: _cards, ...s }) => s)(column('declined') ?? { stage: 'declined', count: 0, amount: 0, cards: [] }));
    // Expected and funded agree too.
    expect(dashboard.kpis.pipelineAmount).toBe(board.totals.expected);
    expect(organizations.expected).toBe(board.totals.expected);
    expect(lpTracker.summary.fundedAmount).toBe(board.totals.funded);
    expect(organizations.funded).toBe(board.totals.funded);
    expect(organizations.closed).toBe(board.totals.closed);
    expect(lpTracker.summary.lpCount).toBe(board.totals.lpCount);
    return board.totals;
  }

  it('agree before and after a sequence of moves, edits and trashings', async () => {
    const before = await expectAgreement();
    // Fund II as seeded: Harborview 7.5 + Chen 1.5 committed, Summit 10 closed.
    expect(before).toMatchObject({ committed: 19 * M, closed: 10 * M, softCircled: 12 * M });

    // Lakeshore ($15M expected, meeting) commits $12M; Cardinal soft-circled $12M and closes at $11M.
    await move('Lakeshore Teachers Pension', 'committed', { committedAmount: 12 * M });
    await move('Cardinal University Endowment', 'closed', { committedAmount: 11 * M });
    // Harborview goes back to due diligence: its committed $7.5M leaves; its expected $7.5M joins the pipeline.
    await move('Harborview Family Office', 'due_diligence');
    await move('Northstar Industries', 'declined', { reason: 'No venture allocation' });
    const after = await expectAgreement();
    expect(after).toMatchObject({ committed: (19 + 12 + 11 - 7.5) * M, closed: 21 * M, softCircled: 0 });

    // Edit an amount, trash a commitment and an investor: all screens follow.
    const chen = await commitmentOf('Chen Family Trust');
    await invoke(operations.commitments.update, ctx(), { id: chen.id, changes: { committedAmount: 2 * M } });
    await invoke(operations.commitments.delete, ctx(), { id: (await commitmentOf('Summit Fund of Funds')).id });
    await invoke(operations.organizations.delete, ctx(), { id: (await commitmentOf('Gulf Sovereign Holdings')).organizationId });
    const last = await expectAgreement();
    expect(last).toMatchObject({ committed: (12 + 11 + 2) * M, closed: 11 * M });
  });

  it('refuses to enter committed or closed with no committed amount known, and says why', async () => {
    const lakeshore = await commitmentOf('Lakeshore Teachers Pension');
    expect(lakeshore.committedAmount).toBeNull();
    const refused = move('Lakeshore Teachers Pension', 'committed');
    await expect(refused).rejects.toBeInstanceOf(Invalid);
    await expect(refused).rejects.toThrow(/committed amount/);
    expect((await commitmentOf('Lakeshore Teachers Pension')).stage).toBe('meeting');
    // A committed commitment cannot lose its amount either.
    const chen = await commitmentOf('Chen Family Trust');
    await expect(invoke(operations.commitments.update, ctx(), { id: chen.id, changes: { committedAmount: null } })).rejects.toThrow(/committed amount/);
    // With a recorded amount (Chen) the move needs none; the amount given with a move is recorded and logged.
    await move('Chen Family Trust', 'closed');
    const moved = await move('Lakeshore Teachers Pension', 'committed', { committedAmount: 0 });
    expect(moved).toMatchObject({ stage: 'committed', committedAmount: 0 });
    const log = await invoke(operations.reports.activity, ctx(), { entityId: lakeshore.id });
    expect(log.data.find((entry) => entry.action === 'stage_change')?.diff).toMatchObject({ before: { stage: 'meeting', committedAmount: null }, after: { stage: 'committed', committedAmount: 0 } });
  });

  it('filters the board and its totals by owner and name alike, and caps cards per column', async () => {
    const board = await invoke(operations.reports.pipeline, ctx(), { limit: 1 });
    for (const stage of board.stages) expect(stage.cards.length).toBe(Math.min(1, stage.count));
    const more = await invoke(operations.reports.pipeline, ctx(), { limit: 1, more: 'outreach:5' });
    expect(more.stages.find((s) => s.stage === 'outreach')?.cards).toHaveLength(2);
    const named = await invoke(operations.reports.pipeline, ctx(), { q: 'cardinal' });
    expect(named.stages.flatMap((s) => s.cards).map((c) => c.organization?.name)).toEqual(['Cardinal University Endowment']);
    expect(named.totals).toMatchObject({ softCircled: 12 * M, expected: 12 * M, openCount: 1 });
    const owner = await invoke(operations.access.createUser, { core, actor: systemActor('cli') }, { username: 'olivia', password: 'correct horse battery', role: 'member' });
    for (const investor of ['Cardinal University Endowment', 'Harborview Family Office']) {
      await invoke(operations.commitments.update, ctx(), { id: (await commitmentOf(investor)).id, changes: { ownerId: owner.id } });
    }
    const owned = await invoke(operations.reports.pipeline, ctx(), { ownerId: owner.id, limit: 200 });
    const cards = owned.stages.flatMap((s) => s.cards);
    expect(cards.map((c) => c.organization?.name).sort()).toEqual(['Cardinal University Endowment', 'Harborview Family Office']);
    expect(owned.totals).toMatchObject({ committed: 7.5 * M, softCircled: 12 * M, lpCount: 1, openCount: 1 });
    expect(owned.stages.reduce((sum, s) => sum + s.count, 0)).toBe(cards.length);
  });
});
