// Data out (issue 13, item 3): "Export CSV" on the dashboard, pipeline and LP tracker downloads what the
// screen shows; contacts download as vCard from the list's export menu and from a contact's page.
// Screenshots: e2e/screenshots/e2e-exports-*.png (light and dark).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn } from '../lib/session.mjs';

export const suite = { demo: true };

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-exports-${name}.png`), fullPage: false });
  const download = async (click) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
  };
  const csvRows = (text) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

  test('sign in; the dashboard exports its KPIs and stages as CSV', async () => {
    await signIn(page, url, admin);
    await page.getByTestId('kpi-committed').waitFor();
    await shot('dashboard');
    const file = await download(() => page.getByTestId('export-report-csv').click());
    expect(/^dashboard-.*\.csv$/.test(file.name), `file name ${file.name}`);
    const rows = csvRows(file.text);
    expect(rows[0] === 'Section,Measure,Count,Amount,Currency', `header ${rows[0]}`);
    expect(rows.some((row) => row.startsWith('kpi,committed,,19000000.00,')), 'the $19M committed of the demo fund');
  });

  test('the pipeline exports every card of the board', async () => {
    await page.goto(`${url}/pipeline`);
    await page.getByTestId('fund-select').waitFor();
    const board = await api(page, 'GET', '/api/reports/pipeline');
    const cards = board.body.data.stages.reduce((sum, stage) => sum + stage.count, 0);
    const file = await download(() => page.getByTestId('export-report-csv').click());
    expect(/^pipeline-.*\.csv$/.test(file.name), `file name ${file.name}`);
    expect(csvRows(file.text).length - 1 === cards, `${csvRows(file.text).length - 1} rows for ${cards} commitments`);
  });

  test('the LP tracker exports its LPs with their paperwork', async () => {
    await page.goto(`${url}/lp-tracker`);
    await page.getByTestId('lp-committed').waitFor();
    const tracker = await api(page, 'GET', '/api/reports/lp-tracker');
    const file = await download(() => page.getByTestId('export-report-csv').click());
    const rows = csvRows(file.text);
    expect(rows[0].includes('Sub docs signed') && rows[0].includes('Wire received'), `header ${rows[0]}`);
    expect(rows.length - 1 === tracker.body.data.summary.lpCount, `${rows.length - 1} rows for ${tracker.body.data.summary.lpCount} LPs`);
    await shot('lp-tracker');
  });

  test('contacts download as vCard from the list and from a contact page', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-vcf').waitFor();
    // The menu fades in: let the transition finish before the picture.
    await page.waitForTimeout(300);
    await shot('contacts-menu');
    const list = await download(() => page.getByTestId('export-vcf').click());
    expect(/^contacts-.*\.vcf$/.test(list.name), `file name ${list.name}`);
    const contacts = await api(page, 'GET', '/api/contacts?limit=1');
    expect((list.text.match(/BEGIN:VCARD\r\n/g) ?? []).length === contacts.body.total, `one card per contact (${contacts.body.total})`);
    const [first] = contacts.body.data;
    await page.goto(`${url}/contacts/${first.id}`);
    await page.getByTestId('download-vcard').waitFor();
    await shot('contact-page');
    const card = await download(() => page.getByTestId('download-vcard').click());
    expect(card.name.endsWith('.vcf'), `file name ${card.name}`);
    expect(card.text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n') && card.text.includes(`UID:urn:uuid:${first.id}`), 'the contact as a vCard 3.0');
  });

  test('dark theme', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await page.goto(`${url}/`);
    await page.getByTestId('kpi-committed').waitFor();
    await shot('dashboard-dark');
    const contacts = await api(page, 'GET', '/api/contacts?limit=1');
    await page.goto(`${url}/contacts/${contacts.body.data[0].id}`);
    await page.getByTestId('download-vcard').waitFor();
    await shot('contact-page-dark');
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  });
}
