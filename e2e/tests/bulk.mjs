// Whole-list actions on the demo data at the size of the issue (875 contacts): select all matching,
// bulk tag and trash as one batch each with one Undo, and server-side export of the filtered list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

/** 35 copies of the demo's 25 people: 875 contacts, a first page of 100. */
export const suite = { demo: true, demoCopies: 35 };

const fmt = (n) => n.toLocaleString('en-US');

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-bulk-${name}.png`) });
  const total = async (query) => (await api(page, 'GET', `/api/contacts?limit=1${query ? `&${query}` : ''}`)).body.total;
  const openList = async (path, count) => {
    await page.goto(url + path);
    await page.getByText(`${fmt(count)} contacts`, { exact: true }).waitFor();
    await page.getByTestId('grid-row').first().waitFor();
  };
  const selectAllMatching = async (count) => {
    await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check({ force: true });
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-count').getByText(`${fmt(count)} contacts selected`).waitFor();
  };
  const undoFromToast = async () => {
    await page.getByTestId('batch-undo').click();
    await page.getByText(/^Undone: /).waitFor();
  };

  test('signs in', async () => {
    await signIn(page, url, admin);
  });

  test('selects all 875 matching contacts and tags them in one batch, then one Undo removes the tag', async () => {
    const all = await total();
    expect(all === 875, `demo copies give 875 contacts, got ${all}`);
    const tag = (await api(page, 'POST', '/api/tags', { name: 'Bulk e2e', color: '#7c3aed' })).body.data;
    await openList('/contacts', all);
    await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check({ force: true });
    await page.getByTestId('selection-banner').getByText('All 100 contacts on this page are selected.').waitFor();
    await shot('page-selected');
    await page.getByTestId('select-all-matching').click();
    await page.getByTestId('bulk-count').getByText('875 contacts selected').waitFor();
    await page.getByTestId('selection-banner').getByText('All 875 contacts matching this list are selected.').waitFor();
    await shot('all-selected');
    await page.getByTestId('bulk-tag').click();
    await page.getByRole('menuitem', { name: 'Bulk e2e' }).first().click();
    await page.getByTestId('batch-toast').getByText('Tagged 875 contacts “Bulk e2e”').waitFor();
    await shot('tag-toast');
    expect((await total(`tagId=${tag.id}`)) === 875, 'every contact carries the tag');
    await undoFromToast();
    await waitFor(async () => (await total(`tagId=${tag.id}`)) === 0, 'undo removes the tag from all 875');
  });

  test('trashes every investor behind the Investors tab in one batch, and one Undo restores them', async () => {
    const investors = await total('relationship=investor');
    const all = await total();
    expect(investors > 100 && investors < all, `need more investors than one page, got ${investors}`);
    await openList('/contacts?tab=investors', investors);
    await selectAllMatching(investors);
    await page.getByTestId('bulk-trash').click();
    await page.getByRole('dialog').getByText(`Move ${fmt(investors)} contacts to trash?`).waitFor();
    await page.getByTestId('confirm-trash').click();
    await page.getByTestId('batch-toast').getByText(`Moved ${fmt(investors)} contacts to trash`).waitFor();
    await shot('trash-toast');
    await waitFor(async () => (await total()) === all - investors, 'only the investors went to the trash');
    await page.getByText('0 contacts', { exact: true }).waitFor();
    await undoFromToast();
    await waitFor(async () => (await total()) === all, 'undo restores every investor');
    await page.getByText(`${fmt(investors)} contacts`, { exact: true }).waitFor();
  });

  test('a filter change clears the selection, so nothing hidden is acted on', async () => {
    const all = await total();
    await openList('/contacts', all);
    await page.getByRole('checkbox', { name: 'Select all loaded rows' }).check({ force: true });
    await page.getByTestId('bulk-bar').waitFor();
    await page.getByRole('tab', { name: 'Prospects' }).click();
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
  });

  test('exports the whole filtered list: the CSV has as many rows as the list matches, and XLSX downloads', async () => {
    const prospects = await total('relationship=prospect');
    expect(prospects > 100, `need more prospects than one page, got ${prospects}`);
    await openList('/contacts?tab=prospects', prospects);
    await page.getByTestId('export-menu').click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/.test(csv.suggestedFilename()), `CSV filename ${csv.suggestedFilename()}`);
    const text = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '');
    // Quoted fields may hold line breaks: count record starts by the id column instead of raw lines.
    const rows = text.split('\r\n').filter((line) => /,[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/.test(line));
    expect(rows.length === prospects, `CSV rows ${rows.length} = matching ${prospects}`);
    await page.getByTestId('export-menu').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const bytes = readFileSync(await xlsx.path());
    expect(bytes.subarray(0, 2).toString() === 'PK' && bytes.length > 10_000, `XLSX is a zip of some size (${bytes.length} bytes)`);
  });

  test('the banner and bulk bar in the dark theme', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    const all = await total();
    await openList('/contacts', all);
    await selectAllMatching(all);
    await shot('all-selected-dark');
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  });
}
