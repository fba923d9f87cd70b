// The CSV import wizard in the browser (issue 13): a small, messy Airtable-like export (BOM, quoted
// cells with commas, a blank row, an email in capitals matching an existing contact, a bad email) is
// uploaded through the file input from the Contacts list's Import link, mapped (suggestions prefilled,
// one column left out), dry-run (totals and per-row errors), imported; the new contacts are in the
// Contacts list; "Undo this import" takes them out again. The same file a second time shows the
// remembered mapping, and every row is then a duplicate. Screenshots of each step, light, dark and a
// 390 px phone: e2e/screenshots/imports-*.png.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

/** As Airtable writes it: a BOM, CRLF line ends, quoted cells holding commas, a trailing blank row. */
const AIRTABLE_CSV = `\uFEFF${[
  'Name,Email,Company,Title,Tags,Phone,Last Contacted,Notes',
  '"Ines Okafor",ines.okafor@meridian-pension.example,Meridian Pension Fund,CIO,"LP prospect,Pension",+1 (212) 555-0141,3/14/2024,"Met at SuperReturn, wants the Q3 letter"',
  'Tomás Lindqvist,tomas@nordvik-fo.example,Nordvik Family Office,Principal,Family office,,14 March 2024,',
  ',,,,,,,',
  '"Priya Raman",PRIYA.RAMAN@EXISTING-CAPITAL.example,Existing Capital,Partner,LP prospect,,2024-03-01,"Already in LP Desk, email in capitals"',
  'Bad Email Person,not-an-email,Meridian Pension Fund,Analyst,,,,',
  '',
].join('\r\n')}`;

const NEW_NAMES = ['Ines Okafor', 'Tomás Lindqvist'];

/**
 * A later export of the same view (same columns, so the mapping is remembered). Its tags are new: the
 * first file's tags went to the trash with its undo, and a row naming a trashed tag is an error.
 */
const FOLLOW_UP_CSV = [
  'Name,Email,Company,Title,Tags,Phone,Last Contacted,Notes',
  'Mateo Silva,mateo.silva@andes-endowment.example,Andes University Endowment,Director,Endowment,+1 212 555 0199,04/02/2024,',
  'Priya Raman,priya.raman@existing-capital.example,Existing Capital,Managing Partner,Endowment,,2024-04-02,Now managing partner',
  '',
].join('\n');

export function register({ page, url, admin, screenshotDir }) {
  const shot = async (name, options = {}) => {
    await page.waitForTimeout(350);
    await page.screenshot({ path: join(screenshotDir, `imports-${name}.png`), ...options });
  };
  const noSidewaysScroll = async (what) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `${what}: no sideways scroll (${overflow}px)`);
  };
  const uploadFile = async (name = 'Contacts-Grid view.csv', content = AIRTABLE_CSV) => {
    await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await page.getByTestId('import-file-name').filter({ hasText: name }).waitFor();
  };
  const contactNamed = async (name) => {
    const res = await api(page, 'GET', `/api/contacts?q=${encodeURIComponent(name)}&limit=5`);
    return res.body.data.find((c) => `${c.firstName} ${c.lastName}`.trim() === name) ?? null;
  };
  const toggleTheme = async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
  };
  let existingId = null;

  test('sign in; one contact already in LP Desk', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    const existing = await admin.call('POST', '/api/contacts', { firstName: 'Priya', lastName: 'Raman', emails: ['priya.raman@existing-capital.example'] });
    existingId = existing.data.id;
  });

  test('the Contacts list links to the wizard; upload a messy Airtable export', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByText('Priya Raman', { exact: true }).first().waitFor();
    await shot('0-contacts-import-link');
    await page.getByTestId('import-contacts').click();
    await page.waitForURL(/\/settings\/import\?entity=contacts/);
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-history').waitFor();
    await shot('1-upload-empty');
    await uploadFile();
    await shot('1-upload-chosen');
    await page.getByTestId('import-upload').click();
    await page.getByTestId('mapping-table').waitFor();
  });

  test('columns: suggestions prefilled with samples; leave "Last Contacted" out', async () => {
    const mapped = async (column) => page.getByTestId(`map-${column}`).inputValue();
    expect((await mapped('Email')) === 'Email', `Email suggested: ${await mapped('Email')}`);
    expect((await mapped('Company')) === 'Organization', `Company → Organization: ${await mapped('Company')}`);
    expect((await mapped('Tags')) === 'Tags', `Tags suggested: ${await mapped('Tags')}`);
    // The blank row gives no sample; quoted commas stay inside their cell.
    await page.getByTestId('mapping-table').getByText('Met at SuperReturn, wants the Q3 letter').waitFor();
    await page.getByTestId('map-Last Contacted').click();
    await page.getByRole('option', { name: 'Don’t import' }).click();
    expect((await mapped('Last Contacted')) === 'Don’t import', 'Last Contacted left out');
    await shot('2-mapping', { fullPage: true });
  });

  test('dry run: totals, the bad email shown on its line, the duplicate matched; nothing written', async () => {
    await page.getByTestId('import-dry-run').click();
    const report = page.getByTestId('import-dry-run-report');
    await report.waitFor();
    const total = async (action) => Number((await page.getByTestId(`total-${action}`).innerText()).split('\n')[0].replace(/,/g, ''));
    expect((await total('create')) === 2, `2 would be created: ${await total('create')}`);
    expect((await total('skip')) === 1, `the existing Priya Raman is skipped: ${await total('skip')}`);
    expect((await total('error')) === 1, `the bad email is an error: ${await total('error')}`);
    // The report opens on the errors.
    const errorRow = report.getByTestId('report-row').filter({ hasText: 'not-an-email' }).or(report.getByTestId('report-row').filter({ hasText: 'Email' }));
    await errorRow.first().waitFor();
    await shot('3-dry-run-errors', { fullPage: true });
    await report.getByText(/^All/).click();
    const duplicate = report.locator('[data-testid="report-row"][data-action="skip"]');
    await duplicate.getByText(/Matches an existing record/).waitFor();
    await shot('3-dry-run-all', { fullPage: true });
    for (const name of NEW_NAMES) expect((await contactNamed(name)) === null, `${name} is not written by the dry run`);
  });

  test('import: summary, and the new contacts are in the Contacts list', async () => {
    await page.getByTestId('import-run').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    await summary.getByText('2 created').waitFor();
    await shot('4-summary', { fullPage: true });
    await summary.getByTestId('import-view-records').click();
    await page.waitForURL(/\/contacts$/);
    for (const name of NEW_NAMES) await page.getByText(name, { exact: true }).first().waitFor();
    const ines = await contactNamed('Ines Okafor');
    expect(ines?.primaryOrganization?.name === 'Meridian Pension Fund' && ines.tags.length === 2, `Ines is linked to her organization, with both tags: ${JSON.stringify(ines)}`);
    const priya = await api(page, 'GET', `/api/contacts/${existingId}`);
    expect(priya.status === 200, 'the existing contact is untouched');
    const skippedOrganization = await api(page, 'GET', '/api/organizations?q=Existing%20Capital&limit=5');
    expect(skippedOrganization.body.total === 0, 'a skipped row creates nothing, not even the organization it names');
    await shot('4-contacts-list');
  });

  test('history: undo this import (confirmation), and the new contacts are gone', async () => {
    await page.goto(`${url}/settings/import`);
    const row = page.getByTestId('import-history-row').filter({ hasText: 'Contacts-Grid view.csv' });
    await row.first().waitFor();
    await shot('5-history');
    await row.first().getByTestId('undo-import').click();
    const dialog = page.getByTestId('undo-import-dialog');
    await dialog.getByText('The 2 contacts it created move to the trash').waitFor();
    await shot('5-undo-dialog');
    await dialog.getByTestId('confirm-undo-import').click();
    await dialog.waitFor({ state: 'detached' });
    await row.first().getByText('undone', { exact: true }).waitFor();
    await waitFor(async () => (await contactNamed('Ines Okafor')) === null && (await contactNamed('Tomás Lindqvist')) === null, 'the imported contacts left the list');
    await page.goto(`${url}/contacts`);
    await page.getByText('Priya Raman', { exact: true }).first().waitFor();
    for (const name of NEW_NAMES) expect((await page.getByText(name, { exact: true }).count()) === 0, `${name} is gone from the Contacts list`);
  });

  test('dark theme: a later export with the same columns remembers the mapping; update the duplicate row', async () => {
    await page.goto(`${url}/settings/import?entity=contacts`);
    await toggleTheme();
    await uploadFile('Contacts-Grid view (2).csv', FOLLOW_UP_CSV);
    await shot('dark-1-upload');
    await page.getByTestId('import-upload').click();
    await page.getByTestId('mapping-remembered').waitFor();
    expect((await page.getByTestId('map-Last Contacted').inputValue()) === 'Don’t import', 'the remembered mapping leaves Last Contacted out');
    await shot('dark-2-mapping', { fullPage: true });
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry-run-report').waitFor();
    await page.getByTestId('import-dry-run-report').getByText(/^All/).click();
    // Ask to update the existing contact on the duplicate row: a re-check is offered and the totals follow.
    const choice = page.locator('[data-testid^="row-choice-"]').first();
    await choice.click();
    await page.getByRole('option', { name: 'Update existing' }).click();
    await page.getByTestId('import-recheck').click();
    await page.getByTestId('total-update').getByText('1').waitFor();
    await shot('dark-3-dry-run', { fullPage: true });
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    await shot('dark-4-summary', { fullPage: true });
    const priya = await api(page, 'GET', `/api/contacts/${existingId}`);
    expect(priya.body.data.title === 'Managing Partner', `the duplicate row updated the existing contact: ${priya.body.data.title}`);
    expect((await contactNamed('Mateo Silva')) !== null, 'the new row created Mateo Silva');
    await page.getByTestId('import-history-row').nth(1).waitFor();
    await shot('dark-5-history', { fullPage: true });
  });

  test('a 2,500-row organizations file runs in the background: progress bar, then the summary', async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => `Harbor Foundation ${String(i + 1).padStart(4, '0')},foundation,https://harbor-${i + 1}.example,"Boston, MA"`);
    const csv = ['Organization Name,Type,Website,Location', ...rows, ''].join('\n');
    await page.goto(`${url}/settings/import?entity=organizations`);
    await page.getByTestId('import-file-input').setInputFiles({ name: 'foundations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('mapping-table').waitFor();
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('total-create').getByText('2,500').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-run').click();
    // Larger files answer "running" at once; the bar follows GET /api/imports/:id until the job is done.
    const progress = page.getByTestId('import-progress');
    const summary = page.getByTestId('import-summary');
    await progress.or(summary).first().waitFor({ timeout: 30_000 });
    if (await progress.isVisible()) await shot('dark-6-progress');
    await summary.waitFor({ timeout: 60_000 });
    await summary.getByText('2,500 created', { exact: false }).first().waitFor();
    await shot('dark-6-large-summary', { fullPage: true });
    const listed = await api(page, 'GET', '/api/organizations?q=Harbor%20Foundation&limit=1');
    expect(listed.body.total === 2_500, `2,500 organizations imported: ${listed.body.total}`);
  });

  /** Upload → mapping → dry run → history at 390 px in the current theme (the theme toggle lives in the desktop sidebar). */
  const phoneFlow = async (theme) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/settings/import?entity=contacts`);
    await page.getByTestId('import-wizard').waitFor();
    await uploadFile(`phone-${theme}.csv`);
    await noSidewaysScroll('upload');
    await shot(`phone-${theme}-1-upload`, { fullPage: true });
    await page.getByTestId('import-upload').click();
    await page.getByTestId('mapping-table').waitFor();
    await noSidewaysScroll('mapping');
    await shot(`phone-${theme}-2-mapping`, { fullPage: true });
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-dry-run-report').waitFor();
    // On a phone the row filter is a select.
    await page.getByTestId('report-filter').click();
    await page.getByRole('option', { name: /^All/ }).click();
    await noSidewaysScroll('dry run');
    await shot(`phone-${theme}-3-dry-run`, { fullPage: true });
    await page.getByTestId('import-history').scrollIntoViewIfNeeded();
    await noSidewaysScroll('history');
    await page.getByTestId('import-history').screenshot({ path: join(screenshotDir, `imports-phone-${theme}-5-history.png`) });
    await page.setViewportSize({ width: 1440, height: 1000 });
  };

  test('a 390 px phone, dark then light: every step fits without sideways scroll', async () => {
    await phoneFlow('dark');
    await page.goto(`${url}/settings/import`);
    await toggleTheme();
    await phoneFlow('light');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/contacts`);
    await page.getByText('Mateo Silva', { exact: true }).first().waitFor();
    expect(!(await page.getByTestId('import-contacts').isVisible()), 'no Import button in the crowded phone toolbar');
    await noSidewaysScroll('the Contacts list');
    await shot('phone-light-0-contacts');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
}
