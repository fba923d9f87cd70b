// One set of numbers (issue 9, item 2): moves made in the UI — a drag to Committed that asks for the
// amount, a move back from the quick view, a commitment moved to the trash — and after each, the same
// committed figure on Pipeline, Dashboard, LP Tracker and the investor's page. Demo data: Fund II has
// $19M committed (Harborview 7.5 + Chen 1.5 committed, Summit 10 closed).
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { drag, kanban } from '../lib/kanban.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-metrics-${name}.png`), fullPage: true });
  const text = async (testId) => (await page.getByTestId(testId).first().textContent())?.trim();
  const { card, commitmentOf, openPipeline } = kanban(page, url);

  /** The committed figure on every screen, each read from what the user sees. */
  async function expectCommittedEverywhere(expected, investor) {
    await openPipeline();
    await waitFor(async () => (await text('pipeline-committed')) === expected, `pipeline header says ${expected} (it says ${await text('pipeline-committed')})`);

    await page.goto(`${url}/`);
    await page.getByTestId('kpi-committed').waitFor();
    await waitFor(async () => (await text('kpi-committed')) === expected, `dashboard says ${expected} (it says ${await text('kpi-committed')})`);
    // Pipeline by stage: committed + closed bars add up to it, and declined is not a bar.
    expect((await page.getByTestId('stage-declined').count()) <= 1, 'declined is a note, not a bar');
    expect((await page.getByTestId('stage-amount-declined').count()) === 0, 'no declined bar in pipeline by stage');

    await page.goto(`${url}/lp-tracker`);
    await page.getByTestId('lp-committed').waitFor();
    await waitFor(async () => (await text('lp-committed')) === expected, `LP tracker says ${expected} (it says ${await text('lp-committed')})`);

    if (investor) {
      await page.goto(`${url}/organizations/${investor.organizationId}`);
      await page.getByTestId('organization-totals').waitFor();
      const fund = page.getByTestId('organization-fund-totals').filter({ hasText: 'Fund II' });
      await waitFor(
        async () => (await fund.getByTestId('org-committed').textContent()) === investor.committed,
        `${investor.name}'s page says ${investor.committed} committed to Fund II`,
      );
    }
  }

  test('sign in; the demo fund shows $19M committed on every screen', async () => {
    await signIn(page, url, admin);
    const summit = await commitmentOf('Summit Fund of Funds');
    await expectCommittedEverywhere('$19M', { name: 'Summit', organizationId: summit.organizationId, committed: '$10M' });
  });

  test('the board fits 1440 px without sideways scrolling, names whole on hover', async () => {
    await openPipeline();
    const overflow = await page.getByTestId('kanban').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow <= 1, `the board scrolls sideways by ${overflow}px at 1440`);
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(pageOverflow <= 1, `the page scrolls sideways by ${pageOverflow}px`);
    const title = await card('Cardinal University Endowment').locator('[title]').first().getAttribute('title');
    expect(title?.startsWith('Cardinal University Endowment'), 'the hover title holds the whole name');
    await shot('board-1440');
  });

  test('dragging to Committed asks for the amount; cancel puts the card back', async () => {
    await openPipeline();
    await drag(page, card('Lakeshore Teachers Pension'), page.getByTestId('column-committed'));
    const amount = page.getByTestId('committed-amount');
    await amount.waitFor();
    expect((await amount.inputValue()) === '$15,000,000', 'the amount is prefilled from the expected $15M');
    await shot('amount-dialog');
    await page.getByTestId('cancel-committed-amount').click();
    await page.getByTestId('column-meeting').getByTestId('kanban-card').filter({ hasText: 'Lakeshore' }).waitFor();
    expect((await commitmentOf('Lakeshore Teachers Pension')).stage === 'meeting', 'the server still has it in meeting');
  });

  test('drag to Committed with $12M: every screen says $31M', async () => {
    await drag(page, card('Lakeshore Teachers Pension'), page.getByTestId('column-committed'));
    const amount = page.getByTestId('committed-amount');
    await amount.waitFor();
    await amount.fill('12000000');
    await page.getByTestId('confirm-committed-amount').click();
    await page.getByTestId('column-committed').getByTestId('kanban-card').filter({ hasText: 'Lakeshore' }).waitFor();
    await waitFor(async () => (await commitmentOf('Lakeshore Teachers Pension'))?.committedAmount === 1_200_000_000, 'server has $12M committed');
    // The column headers agree with the header figure: $21M committed + $10M closed.
    await waitFor(async () => (await text('total-committed')) === '$21M', 'committed column says $21M');
    expect((await text('total-closed')) === '$10M', 'closed column says $10M');
    const lakeshore = await commitmentOf('Lakeshore Teachers Pension');
    await expectCommittedEverywhere('$31M', { name: 'Lakeshore', organizationId: lakeshore.organizationId, committed: '$12M' });
    await page.goto(`${url}/lp-tracker`);
    await page.getByTestId('lp-row').filter({ hasText: 'Lakeshore Teachers Pension' }).getByText('$12,000,000').waitFor();
    await page.goto(`${url}/`);
    await page.getByTestId('stage-amount-committed').waitFor();
    expect((await text('stage-amount-committed')) === '$21M', 'dashboard committed bar says $21M');
    expect((await text('stage-amount-closed')) === '$10M', 'dashboard closed bar says $10M');
    await shot('dashboard');
  });

  test('the quick view moves Harborview back to due diligence: $23.5M everywhere', async () => {
    await openPipeline();
    await card('Harborview Family Office').click();
    await page.getByTestId('quick-view').waitFor();
    await page.getByTestId('quick-view-stage').click();
    await page.getByRole('option', { name: 'Due diligence' }).click();
    await waitFor(async () => (await commitmentOf('Harborview Family Office')).stage === 'due_diligence', 'server moved Harborview');
    await page.keyboard.press('Escape');
    const harborview = await commitmentOf('Harborview Family Office');
    await expectCommittedEverywhere('$23.5M', { name: 'Harborview', organizationId: harborview.organizationId, committed: '$0' });
  });

  test('moving Chen to the trash says what disappears where; $22M everywhere', async () => {
    await openPipeline();
    await card('Chen Family Trust').click();
    await page.getByTestId('trash-commitment-button').click();
    const dialog = page.getByTestId('trash-commitment');
    await dialog.waitFor();
    const words = await dialog.textContent();
    for (const screen of ['Pipeline', 'LP Tracker', 'Dashboard']) expect(words.includes(screen), `the confirmation names ${screen}`);
    await shot('trash-confirmation');
    await page.getByTestId('confirm-trash-commitment').click();
    await waitFor(async () => !(await commitmentOf('Chen Family Trust')), 'Chen left the pipeline');
    await expectCommittedEverywhere('$22M');
  });

  test('search and owner filter narrow the board and its totals', async () => {
    await openPipeline();
    await page.getByTestId('pipeline-search').fill('cardinal');
    await waitFor(async () => (await page.getByTestId('kanban-card').count()) === 1, 'one card matches "cardinal"');
    expect((await text('count-soft_circle')) === '1', 'the soft circle column counts the match');
    expect((await text('pipeline-expected')) === '$12M', 'the header totals the match');
    await page.getByTestId('pipeline-search').fill('');
    await page.getByTestId('pipeline-owner').click();
    const ownerName = (await page.getByRole('option').first().textContent()).trim();
    await page.getByRole('option').first().click();
    const owner = (await api(page, 'GET', '/api/team')).body.data.find((m) => m.name === ownerName);
    const owned = (await api(page, 'GET', `/api/reports/pipeline?ownerId=${owner.id}&limit=200`)).body.data;
    const expected = owned.stages.reduce((sum, s) => sum + s.count, 0);
    const stages = ['lead', 'outreach', 'meeting', 'due_diligence', 'soft_circle', 'committed', 'closed', 'declined'];
    const countedOnBoard = async () => (await Promise.all(stages.map((s) => text(`count-${s}`)))).reduce((sum, n) => sum + Number(n), 0);
    await waitFor(
      async () => (await page.getByTestId('kanban-card').count()) === expected && (await countedOnBoard()) === expected,
      `the board shows ${ownerName}'s ${expected} commitments, and its column counts add up to them`,
    );
    expect((await text('pipeline-committed')) === (await (async () => `$${owned.totals.committed / 100_000_000}M`)()), 'the header totals the owner’s commitments');
    await page.getByTestId('pipeline-owner').click();
    await page.getByRole('option').first().click();
  });

  test('dark theme and a narrow screen', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await openPipeline();
    await shot('board-dark');
    await page.setViewportSize({ width: 1920, height: 1000 });
    await openPipeline();
    await shot('board-1920-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await openPipeline();
    await shot('board-390-dark');
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
    await page.setViewportSize({ width: 1440, height: 900 });
  });
}
