// Commitments can be edited, moved anywhere and trashed from the pipeline (issue 9, items 5 and 9):
// the quick view's stage menu asks for the committed amount, the edit form changes every field and
// offers only the investor's own people as primary contact, and LP Tracker dates are picked and
// cleared deliberately. Demo data.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { kanban } from '../lib/kanban.mjs';
import { signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-pipeline-${name}.png`) });
  const { card, commitmentOf, openPipeline } = kanban(page, url);

  test('the quick view moves a card to Closed, asking for the amount', async () => {
    await signIn(page, url, admin);
    await openPipeline();
    await card('Vantage Point Capital').click();
    await page.getByTestId('quick-view-stage').click();
    await page.getByRole('option', { name: 'Closed' }).click();
    const amount = page.getByTestId('committed-amount');
    await amount.waitFor();
    expect((await amount.inputValue()) === '$2,500,000', 'prefilled from the expected $2.5M');
    await amount.fill('2000000');
    await page.getByTestId('confirm-committed-amount').click();
    await waitFor(async () => (await commitmentOf('Vantage Point Capital'))?.stage === 'closed', 'server has Vantage closed');
    expect((await commitmentOf('Vantage Point Capital')).committedAmount === 200_000_000, 'with $2M committed');
    await page.keyboard.press('Escape');
  });

  test('the edit form changes any field and offers only the investor’s people as primary contact', async () => {
    await openPipeline();
    await card('Cardinal University Endowment').click();
    await page.getByTestId('edit-commitment').click();
    const form = page.getByTestId('commitment-form');
    await form.waitFor();
    await form.getByText('People of Cardinal University Endowment').waitFor();
    await page.getByTestId('commitment-primary-contact').click();
    const options = (await page.getByRole('option').allTextContents()).map((o) => o.trim());
    expect(options.length === 2 && options.includes('Priya Raman') && options.includes('Tom Becker'), `only Cardinal's people are offered (got ${options.join(', ')})`);
    await page.getByRole('option', { name: 'Tom Becker' }).click();
    await form.getByLabel('Source').fill('Consultant introduction');
    await shot('edit-form');
    await page.getByTestId('save-commitment').click();
    await waitFor(async () => (await commitmentOf('Cardinal University Endowment'))?.primaryContact?.name === 'Tom Becker', 'primary contact saved');
    expect((await commitmentOf('Cardinal University Endowment')).source === 'Consultant introduction', 'source saved');
  });

  test('the edit form will not commit without a committed amount', async () => {
    await openPipeline();
    await card('Redwood Community Foundation').click();
    await page.getByTestId('edit-commitment').click();
    await page.getByTestId('commitment-stage').click();
    await page.getByRole('option', { name: 'Committed' }).click();
    await page.getByTestId('save-commitment').click();
    await page.getByText('Enter the committed amount').waitFor();
    await page.getByTestId('commitment-committed').fill('2500000');
    await page.getByTestId('save-commitment').click();
    await waitFor(async () => (await commitmentOf('Redwood Community Foundation'))?.stage === 'committed', 'Redwood committed');
    expect((await commitmentOf('Redwood Community Foundation')).committedAmount === 250_000_000, 'with $2.5M');
  });

  test('LP Tracker: a paperwork date is picked, and clearing it asks first', async () => {
    await page.goto(`${url}/lp-tracker`);
    const row = page.getByTestId('lp-row').filter({ hasText: 'Harborview Family Office' });
    await row.waitFor();
    await row.getByTestId('toggle-subdocs').click();
    await page.getByTestId('toggle-subdocs-popover').waitFor();
    await shot('paperwork-date');
    await page.getByTestId('paperwork-save').click();
    const signed = async () => (await commitmentOf('Harborview Family Office'))?.subscriptionDocsSignedOn;
    await waitFor(async () => /^\d{4}-\d{2}-\d{2}$/.test((await signed()) ?? ''), 'sub docs signed date saved');
    await row.getByTestId('toggle-subdocs').click();
    await page.getByTestId('paperwork-clear').click();
    expect(Boolean(await signed()), 'nothing cleared before the confirmation');
    await page.getByTestId('paperwork-confirm-clear').click();
    await waitFor(async () => (await signed()) === null, 'sub docs signed date cleared');
  });

  test('the board at 1920 px', async () => {
    await page.setViewportSize({ width: 1920, height: 1000 });
    await openPipeline();
    const overflow = await page.getByTestId('kanban').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow <= 1, `the board scrolls sideways by ${overflow}px at 1920`);
    await shot('board-1920');
    await page.setViewportSize({ width: 1440, height: 900 });
  });
}
