// Saved views on the contacts list: Avery (admin) saves a filtered, sorted view with a column hidden and
// one moved, as private; Bea (a member) does not see it. Avery shares it; Bea applies it from the menu,
// the list shows the same rows as the API for those filters, and the view's CSV export holds exactly the
// rows and columns the screen shows. Screenshots of the menu in light and dark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../lib/csv.mjs';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true, demoCopies: 2 };

const BEA = { username: 'bea', password: 'bea has a long passphrase', fullName: 'Bea Chen', role: 'member' };
/** Where the screen's header and the export's differ in wording only. */
const EXPORT_HEADER = { Email: 'Emails', Phone: 'Phones' };


export function register({ page, url, admin, screenshotDir }) {
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `e2e-views-${name}.png`) });
  };
  const switchTo = async (account) => {
    await page.context().clearCookies();
    await signIn(page, url, account);
  };
  const openMenu = async () => {
    await page.getByTestId('saved-view-menu').click();
    await page.getByTestId('saved-view-dropdown').waitFor();
  };
  const closeMenu = () => page.keyboard.press('Escape');
  const headers = async () => (await page.getByRole('table').getByRole('columnheader').allTextContents()).map((t) => t.trim()).filter(Boolean);
  const firstNames = async (count) => {
    await page.getByTestId('grid-row').first().waitFor();
    const rows = page.getByTestId('grid-row');
    const names = [];
    for (let i = 0; i < count; i += 1) names.push((await rows.nth(i).getByRole('cell').nth(1).locator('p').innerText()).trim()); // the avatar's initials come first
    return names;
  };
  let viewId = null;
  let shownHeaders = [];

  test('Avery saves a filtered, sorted contacts view with a column hidden and one moved, as private', async () => {
    await admin.call('POST', '/api/users', BEA);
    await signIn(page, url, admin);
    await page.goto(`${url}/contacts?tab=investors&sort=-name`);
    await page.getByTestId('grid-row').first().waitFor();
    await page.getByTestId('column-chooser').click();
    await page.getByRole('checkbox', { name: 'Title' }).click();
    await page.getByRole('button', { name: 'Move Owner up' }).click();
    await closeMenu();
    shownHeaders = await headers();
    expect(!shownHeaders.includes('Title'), `Title is hidden: ${shownHeaders}`);
    expect(shownHeaders.indexOf('Owner') < shownHeaders.indexOf('Tags'), `Owner moved before Tags: ${shownHeaders}`);

    await openMenu();
    await shot('menu-empty');
    await page.getByTestId('saved-view-save-new').click();
    await page.getByTestId('saved-view-name').fill('Investors Z–A');
    await page.getByTestId('saved-view-submit').click();
    await page.getByTestId('saved-view-dialog').waitFor({ state: 'detached' });
    await waitFor(async () => new URL(page.url()).searchParams.get('view') !== null, 'the URL names the view');
    viewId = new URL(page.url()).searchParams.get('view');
    await page.getByTestId('saved-view-menu').getByText('Investors Z–A').waitFor();
    const view = (await api(page, 'GET', `/api/views/${viewId}`)).body.data;
    expect(view.shared === false && view.state.query.tab === 'investors', `saved private with the tab: ${JSON.stringify(view)}`);
    expect(view.state.sort[0]?.field === 'name' && view.state.sort[0]?.direction === 'desc', 'saved the sort');
    expect(view.state.columns.find((c) => c.field === 'title')?.hidden === true, 'saved the hidden column');
  });

  test('Bea does not see Avery’s private view, in the menu or by its id', async () => {
    await switchTo(BEA);
    await page.goto(`${url}/contacts`);
    await openMenu();
    expect((await page.getByTestId('saved-view-item').count()) === 0, 'no views for Bea');
    await closeMenu();
    expect((await api(page, 'GET', `/api/views/${viewId}`)).status === 404, 'private view is not found for Bea');
  });

  test('Avery shares it; the menu shows it under Shared, in light and dark', async () => {
    await switchTo(admin);
    await page.goto(`${url}/contacts?view=${viewId}`);
    await page.getByTestId('saved-view-menu').getByText('Investors Z–A').waitFor();
    await openMenu();
    await page.getByTestId('saved-view-share').click();
    await waitFor(async () => (await api(page, 'GET', `/api/views/${viewId}`)).body.data.shared === true, 'the view is shared');
    await openMenu();
    await page.getByTestId('saved-view-dropdown').getByText('Shared').waitFor();
    await shot('menu-light');
    await closeMenu();
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await page.reload();
    await page.getByTestId('grid-row').first().waitFor();
    await openMenu();
    await shot('menu-dark');
    await closeMenu();
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  });

  test('Bea applies the shared view: same filters, rows and columns as Avery saw', async () => {
    await switchTo(BEA);
    await page.goto(`${url}/contacts`);
    await page.getByTestId('grid-row').first().waitFor();
    await openMenu();
    await page.getByTestId('saved-view-item').filter({ hasText: 'Investors Z–A' }).click();
    await waitFor(async () => {
      const params = new URL(page.url()).searchParams;
      return params.get('view') === viewId && params.get('tab') === 'investors' && params.get('sort') === '-name';
    }, `the URL carries the view and its filters: ${page.url()}`);
    const expected = (await api(page, 'GET', '/api/contacts?relationship=investor&sort=-name&limit=500')).body;
    await page.getByText(`${expected.total} contacts`, { exact: true }).waitFor();
    await waitFor(async () => JSON.stringify(await headers()) === JSON.stringify(shownHeaders), 'Bea sees the view’s columns');
    const names = await firstNames(5);
    expect(
      JSON.stringify(names) === JSON.stringify(expected.data.slice(0, 5).map((c) => c.fullName)),
      `first rows ${names} = API ${expected.data.slice(0, 5).map((c) => c.fullName)}`,
    );
  });

  test('the view’s CSV export holds exactly the rows and columns the screen shows', async () => {
    await openMenu();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('saved-view-export').click()]);
    expect(/^investors-z-a-contacts-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), `filename ${download.suggestedFilename()}`);
    const [header, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
    const screenHeaders = (await headers()).map((h) => EXPORT_HEADER[h] ?? h);
    expect(JSON.stringify(header) === JSON.stringify(screenHeaders), `CSV header ${header} = screen ${screenHeaders}`);
    const expected = (await api(page, 'GET', '/api/contacts?relationship=investor&sort=-name&limit=500')).body;
    expect(rows.length === expected.total, `CSV rows ${rows.length} = ${expected.total} investors`);
    const names = rows.map((row) => row[header.indexOf('Name')]);
    expect(JSON.stringify(names) === JSON.stringify(expected.data.map((c) => c.fullName)), 'CSV names in the list order');
    const screenNames = await firstNames(5);
    expect(JSON.stringify(screenNames) === JSON.stringify(names.slice(0, 5)), `screen ${screenNames} = CSV ${names.slice(0, 5)}`);
  });

  test('Bea cannot change Avery’s shared view; Avery deletes it', async () => {
    expect((await api(page, 'PATCH', `/api/views/${viewId}`, { name: 'Mine' })).status === 403, 'Bea may not rename it');
    await closeMenu();
    await switchTo(admin);
    await page.goto(`${url}/contacts?view=${viewId}`);
    await openMenu();
    await page.getByTestId('saved-view-delete').click();
    await page.getByTestId('confirm-trash').click();
    await waitFor(async () => (await api(page, 'GET', '/api/views?screen=contacts')).body.total === 0, 'the view is gone');
    await page.getByTestId('saved-view-menu').getByText('All records').waitFor();
  });

  test('a tasks view remembers its toggles and a view link applies it', async () => {
    const saved = await api(page, 'POST', '/api/views', { name: 'My overdue', screen: 'tasks', state: { query: { view: 'overdue', scope: 'me' } } });
    expect(saved.status === 201, `created: ${JSON.stringify(saved.body)}`);
    await page.goto(`${url}/tasks`);
    await page.getByTestId('task-scope-sentence').getByText(/open tasks for the whole team/).waitFor();
    await openMenu();
    await page.getByTestId('saved-view-item').filter({ hasText: 'My overdue' }).click();
    await page.getByTestId('task-scope-sentence').getByText(/overdue tasks assigned to you/).waitFor();
    await page.goto(`${url}/tasks?view=${saved.body.data.id}`);
    await page.getByTestId('task-scope-sentence').getByText(/overdue tasks assigned to you/).waitFor();
    await page.getByTestId('saved-view-menu').getByText('My overdue').waitFor();
  });
}
