// The fundraising grid (issue 10, item 1 and the grid's part of 4): edit a money cell, paste a 20×5
// block from a spreadsheet, fill down, undo, sort and filter then export exactly what shows, and the
// conflict dialog when someone else changed the cell first. Screenshots in light and dark at 1280 and 1920.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../lib/csv.mjs';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

// Two copies of the demo data: 24 investors, room for a 20-row paste.
export const suite = { demo: true, demoCopies: 2 };

const VIEW_KEY = 'lpdesk.grid.view-state';

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `grid-${name}.png`) });
  const ids = {};
  const F = {};
  const grid = () => page.getByTestId('grid');
  /** A rendered cell by display row and column id (the name column lives in the pinned-left container). */
  const cell = (row, field) => grid().locator(`.ag-row[row-index="${row}"]:not(.ag-row-pinned) .ag-cell[col-id="${field}"]`).first();
  const nameAt = async (row) => (await cell(row, 'name').innerText()).trim();
  const gridData = async () => {
    const res = await api(page, 'GET', `/api/grid?fundIds=${ids.fund}`);
    expect(res.status === 200, `GET /api/grid: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body.data;
  };
  const rowByName = (data, name) => data.rows.find((r) => r.cells.name === name);
  const openGrid = async () => {
    await page.goto(`${url}/grid`);
    await cell(0, 'name').waitFor();
  };
  const paste = async (text) =>
    page.evaluate((tsv) => {
      const data = new DataTransfer();
      data.setData('text/plain', tsv);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  /** Back to the suite's columns with no filter or sort, whatever an earlier test left. */
  const resetView = async () =>
    page.evaluate(([key, fields]) => {
      const state = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...state, filters: undefined, sort: [], groupBy: null, columns: fields.map((field) => ({ field })) }));
    }, [VIEW_KEY, [F.stage, F.committed, F.expected, 'location', 'leadSource']]);
  const setTheme = async (scheme) => {
    await page.evaluate((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
    await openGrid();
  };

  test('open /grid with Fund II columns first (view state) and see the investors', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    const funds = await api(page, 'GET', '/api/funds?limit=10');
    ids.fund = funds.body.data.find((f) => f.name === 'Fund II').id;
    F.committed = `fund:${ids.fund}:committedAmount`;
    F.expected = `fund:${ids.fund}:expectedAmount`;
    F.stage = `fund:${ids.fund}:stage`;
    // Stage first, so a pasted row creates the commitment with its stage before its amounts.
    const state = { sort: [], groupBy: null, fundIds: [ids.fund], columns: [F.stage, F.committed, F.expected, 'location', 'leadSource'].map((field) => ({ field })) };
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [VIEW_KEY, JSON.stringify(state)]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Grid' }).click();
    await cell(0, 'name').waitFor();
    const data = await gridData();
    expect(data.rows.length >= 20, `demo data has at least 20 investors, found ${data.rows.length}`);
    await cell(0, F.committed).waitFor();
    await shot('open');
  });

  test('edit a money cell: typing "1.25M" saves 125000000 minor units', async () => {
    ids.first = await nameAt(0);
    await cell(0, F.committed).click();
    await page.keyboard.type('1.25M');
    await page.keyboard.press('Enter');
    await waitFor(async () => rowByName(await gridData(), ids.first)?.cells[F.committed] === 125_000_000, 'the committed amount is saved as 125000000');
    await waitFor(async () => (await cell(0, F.committed).innerText()).includes('1,250,000'), 'the cell shows $1,250,000');
  });

  test('paste a 20×5 range from a spreadsheet: one batch, all 100 cells saved', async () => {
    const names = [];
    for (let row = 0; row < 20; row += 1) names.push(await nameAt(row));
    ids.names = names;
    const stages = ['Committed', 'Closed'];
    const lines = names.map((_, i) => [stages[i % 2], `$${(i + 1) * 100},000`, `${i + 1}.5M`, `City ${i + 1}`, `"Referral ""${i + 1}"""`].join('\t'));
    const batches = [];
    const listener = (request) => request.url().endsWith('/api/batch') && request.method() === 'POST' && batches.push(request.postDataJSON());
    page.on('request', listener);
    // The previous test's save comes back as a live update that can re-render row 0 just after the
    // click, taking the focus out of the grid, and the screen then (rightly) ignores a paste. A person
    // would click again: so does the test, until the paste is sent (a paste that was ignored sent nothing).
    for (let attempt = 1; batches.length === 0; attempt += 1) {
      await cell(0, F.stage).click();
      await waitFor(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="grid"]'))), 'the clicked cell has the focus');
      await paste(`${lines.join('\r\n')}\r\n`);
      await waitFor(async () => batches.length > 0, 'the paste is sent', 3_000).catch((error) => {
        if (attempt >= 3) throw error;
        console.log(`e2e: grid: paste attempt ${attempt} was not sent (focus left the grid); clicking again`);
      });
    }
    let mismatch = null;
    await waitFor(async () => {
      const data = await gridData();
      mismatch = null;
      names.forEach((name, i) => {
        const cells = rowByName(data, name)?.cells ?? {};
        const want = { [F.stage]: i % 2 ? 'closed' : 'committed', [F.committed]: (i + 1) * 100_000_00, [F.expected]: (2 * i + 3) * 50_000_000, location: `City ${i + 1}`, leadSource: `Referral "${i + 1}"` };
        for (const [field, value] of Object.entries(want)) if (cells[field] !== value && !mismatch) mismatch = `${name} ${field}: ${JSON.stringify(cells[field])} ≠ ${JSON.stringify(value)}`;
      });
      return mismatch === null;
    }, 'all 100 pasted cells are stored', 15_000).catch((error) => {
      throw new Error(`${error.message}: ${mismatch}`);
    });
    page.off('request', listener);
    // Cells that already held the pasted value are not sent, so the one batch has at most 100 changes.
    expect(batches.length === 1 && batches[0].changes.length > 80 && batches[0].changes.length <= 100, `one batch for the paste, got ${batches.map((b) => b.changes.length)}`);
    await shot('pasted');
  });

  test('fill down copies the top cell into the range below; undo puts them back', async () => {
    await cell(0, 'location').click();
    await cell(4, 'location').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await waitFor(async () => {
      const data = await gridData();
      return ids.names.slice(0, 5).every((name) => rowByName(data, name)?.cells.location === 'City 1');
    }, 'rows 1-5 show City 1 after fill down');
    await page.keyboard.press('Control+z');
    await waitFor(async () => {
      const data = await gridData();
      return ids.names.slice(0, 5).every((name, i) => rowByName(data, name)?.cells.location === `City ${i + 1}`);
    }, 'undo restores City 1..5');
  });

  test('sort and filter, then Export CSV lists exactly the rows the grid shows', async () => {
    await page.getByTestId('grid-add-filter').click();
    const row = page.getByTestId('grid-filter-row').first();
    await row.getByLabel('Filter field').click();
    await page.getByRole('option', { name: 'Location', exact: true }).click();
    await row.getByLabel('Filter value').fill('City 1');
    // Committed descending: click the header twice.
    const header = grid().locator(`.ag-header-cell[col-id="${F.committed}"]`);
    await header.click();
    await header.click();
    const nameCells = grid().locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="name"]');
    await waitFor(async () => (await nameCells.count()) === 11, 'City 1 and City 10..19 remain (11 rows)');
    await grid().locator(`.ag-header-cell[col-id="${F.committed}"][aria-sort="descending"]`).waitFor();
    // AG Grid re-renders rows while the sort settles: read until two reads agree, are 11 distinct
    // names and follow the committed amounts downwards, so the comparison is with a settled grid.
    const data = await gridData();
    const readShown = async () => {
      const names = [];
      for (let i = 0; i < 11; i += 1) names.push(await nameAt(i));
      return names;
    };
    const amountsOf = (names) => names.map((name) => rowByName(data, name)?.cells[F.committed] ?? -1);
    let shown = [];
    await waitFor(async () => {
      const first = await readShown();
      const second = await readShown();
      shown = second;
      const amounts = amountsOf(second);
      return (
        JSON.stringify(first) === JSON.stringify(second) &&
        new Set(second).size === 11 &&
        amounts.every((v, i) => i === 0 || amounts[i - 1] >= v)
      );
    }, 'the grid shows 11 distinct rows sorted by committed, descending');
    const expected = ids.names.filter((_, i) => `City ${i + 1}`.startsWith('City 1')).length;
    expect(expected === 11, 'the fixture expects 11 rows');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('grid-export').click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const table = parseCsv(csv);
    const nameCol = table[0].indexOf('Name');
    const names = table.slice(1).map((r) => r[nameCol]);
    expect(JSON.stringify(names) === JSON.stringify(shown), `CSV rows ${JSON.stringify(names)} equal the grid's ${JSON.stringify(shown)}`);
    const amounts = amountsOf(shown);
    expect(amounts.every((v, i) => i === 0 || amounts[i - 1] >= v), `rows are sorted by committed, descending: ${amounts}`);
    await shot('filtered-sorted');
    await row.getByLabel('Remove filter').click();
  });

  test('conflict: someone else changed the cell while you typed → Keep theirs, then Overwrite with mine', async () => {
    await resetView();
    await openGrid();
    const name = await nameAt(0);
    const target = rowByName(await gridData(), name);
    const before = target.cells.leadSource;
    // Their change lands while the editor is open: the live refresh shows it around the editor, and
    // the batch still carries the value the editor opened on, so the server answers 409.
    await cell(0, 'leadSource').click();
    await page.keyboard.type('Mine one');
    const theirs = await api(page, 'POST', '/api/batch', { changes: [{ entityType: 'organization', entityId: target.organizationId, field: 'leadSource', value: 'Theirs one', expected: before }] });
    expect(theirs.status === 200, `the other change: ${JSON.stringify(theirs.body)}`);
    await page.waitForTimeout(1_000);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('grid-conflict');
    await dialog.waitFor();
    await dialog.getByText('Theirs one').waitFor();
    await shot('conflict');
    await page.getByTestId('grid-keep-theirs').click();
    await waitFor(async () => (await cell(0, 'leadSource').innerText()).includes('Theirs one'), 'the cell shows their value');
    expect(rowByName(await gridData(), name).cells.leadSource === 'Theirs one', 'theirs is kept on the server');

    await cell(0, 'leadSource').click();
    await page.keyboard.type('Mine two');
    const again = await api(page, 'POST', '/api/batch', { changes: [{ entityType: 'organization', entityId: target.organizationId, field: 'leadSource', value: 'Theirs two', expected: 'Theirs one' }] });
    expect(again.status === 200, `the second change: ${JSON.stringify(again.body)}`);
    await page.waitForTimeout(1_000);
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.getByTestId('grid-overwrite').click();
    await waitFor(async () => rowByName(await gridData(), name)?.cells.leadSource === 'Mine two', 'mine overwrote theirs');
  });

  test('a change made elsewhere shows in the open grid without a reload', async () => {
    const name = await nameAt(0);
    const target = rowByName(await gridData(), name);
    const changed = await api(page, 'POST', '/api/batch', { changes: [{ entityType: 'organization', entityId: target.organizationId, field: 'leadSource', value: 'Pushed live' }] });
    expect(changed.status === 200, `the change: ${JSON.stringify(changed.body)}`);
    await waitFor(async () => (await cell(0, 'leadSource').innerText()).includes('Pushed live'), 'the live change reaches the grid', 5_000);
    const restored = await api(page, 'POST', '/api/batch', { changes: [{ entityType: 'organization', entityId: target.organizationId, field: 'leadSource', value: 'Mine two' }] });
    expect(restored.status === 200, 'restored');
    await waitFor(async () => (await cell(0, 'leadSource').innerText()).includes('Mine two'), 'back to Mine two', 5_000);
  });

  test('cell history lists the revisions and reverts one', async () => {
    await resetView();
    await openGrid();
    const name = await nameAt(0);
    await cell(0, 'leadSource').click();
    await page.getByTestId('grid-cell-history-button').click();
    const drawer = page.getByTestId('grid-cell-history');
    await drawer.getByText('Theirs one').first().waitFor();
    await shot('cell-history');
    // The oldest revision shown that wrote "Theirs one": revert to it.
    const revision = drawer.locator('div', { has: page.getByText('Theirs one', { exact: true }) }).filter({ has: page.getByTestId('grid-revert') }).last();
    await revision.getByTestId('grid-revert').click();
    await waitFor(async () => rowByName(await gridData(), name)?.cells.leadSource === 'Theirs one', 'reverted to "Theirs one"');
  });

  test('add an investor and a custom column inline; add to the notes log', async () => {
    await page.getByTestId('grid-new-investor').click();
    await page.getByTestId('grid-new-investor-name').fill('Aardvark Grid Partners');
    await page.getByTestId('grid-new-investor-name').press('Enter');
    await waitFor(async () => Boolean(rowByName(await gridData(), 'Aardvark Grid Partners')), 'the new investor is a grid row');
    await cell(0, 'name').getByText('Aardvark Grid Partners').waitFor();
    await page.getByTestId('grid-add-column').click();
    await page.getByTestId('grid-add-column-label').fill('LP Tier');
    await page.getByRole('button', { name: 'Add column' }).click();
    await waitFor(async () => (await gridData()).columns.some((c) => c.field === 'customFields.lp_tier'), 'the custom column exists');
    // Both new columns first, so they are rendered (AG Grid draws only the columns in view).
    await page.evaluate(([key]) => {
      const state = JSON.parse(localStorage.getItem(key) ?? '{}');
      localStorage.setItem(key, JSON.stringify({ ...state, columns: [{ field: 'notesLog' }, { field: 'customFields.lp_tier' }] }));
    }, [VIEW_KEY]);
    await openGrid();
    await grid().locator('.ag-header-cell[col-id="customFields.lp_tier"]').waitFor();
    await cell(0, 'notesLog').getByTestId('grid-notes-log').click();
    await page.getByPlaceholder('Add to the log…').fill('Intro call booked');
    await page.getByRole('button', { name: 'Add note' }).click();
    await waitFor(async () => (rowByName(await gridData(), 'Aardvark Grid Partners')?.cells.notesLog ?? []).some((n) => (typeof n === 'string' ? n.endsWith('Intro call booked') : n.body === 'Intro call booked')), 'the note is in the log');
    await cell(0, 'notesLog').getByText('Intro call booked').waitFor();
    await shot('notes-log');
    await page.keyboard.press('Escape');
  });

  test('screenshots: light and dark at 1280 and 1920', async () => {
    for (const scheme of ['light', 'dark']) {
      await setTheme(scheme);
      for (const width of [1280, 1920]) {
        await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
        await page.waitForTimeout(300);
        await shot(`${scheme}-${width}`);
      }
    }
    await page.getByTestId('grid-group-by').click();
    await page.getByRole('option', { name: 'Kind', exact: true }).click();
    await grid().getByTestId('grid-group-header').first().waitFor();
    await shot('dark-grouped');
    await resetView();
    await setTheme('light');
  });

  test('phones get a notice and a read-only list', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${url}/grid`);
    await page.getByTestId('grid-phone').waitFor();
    await page.getByText('works best on a larger screen').waitFor();
    await shot('phone');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
}
