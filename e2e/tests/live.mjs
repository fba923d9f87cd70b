// Live collaboration between two browsers: Avery (the suite's admin) and Bea (a member made through the
// API) open the same screens in two browser profiles. Each sees the other's avatar in the page header;
// Avery renames a contact and Bea's list shows the new name without a reload; Avery drags a card on the
// pipeline and Bea's board follows.
import { join } from 'node:path';
import { launchBrowser } from '../lib/browser.mjs';
import { drag } from '../lib/kanban.mjs';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

const BEA = { username: 'bea', password: 'bea has a long passphrase', fullName: 'Bea Chen', email: 'bea@fund.example' };

export function register({ page, url, admin, screenshotDir }) {
  const shot = async (target, name) => {
    await target.waitForTimeout(300);
    await target.screenshot({ path: join(screenshotDir, `e2e-live-${name}.png`) });
  };
  let second = null;
  let bea = null;
  let contactId = null;
  const avatars = (target) => target.getByTestId('live-avatar');
  const go = async (target, path) => {
    await target.goto(url + path);
    await target.getByRole('navigation', { name: 'Main' }).waitFor();
  };

  test('Avery and Bea sign in in two browsers and see each other on Contacts', async () => {
    await admin.call('POST', '/api/users', { ...BEA, role: 'member' });
    contactId = (await admin.call('POST', '/api/contacts', { firstName: 'Quentin', lastName: 'Livewire' })).data.id;
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, url, admin);
    second = await launchBrowser();
    bea = second.context.pages()[0] ?? (await second.context.newPage());
    bea.setDefaultTimeout(15_000);
    await signIn(bea, url, BEA);

    await go(page, '/contacts?q=Livewire');
    await go(bea, '/contacts?q=Livewire');
    await bea.getByText('Quentin Livewire').first().waitFor();
    await avatars(bea).filter({ hasText: 'AA' }).waitFor();
    await avatars(page).filter({ hasText: 'BC' }).waitFor();
    expect((await avatars(bea).count()) === 1, 'Bea sees one other person here');
    expect((await avatars(bea).first().getAttribute('aria-label')) === 'Avery Admin', 'the avatar is named Avery Admin');
    await avatars(bea).first().hover();
    await bea.getByText('Avery Admin is here').waitFor();
    await shot(bea, 'presence-bea');
    await bea.mouse.move(5, 5);
  });

  test('Avery leaves for the pipeline: Bea no longer sees Avery on Contacts', async () => {
    await go(page, '/pipeline');
    await waitFor(async () => (await avatars(bea).count()) === 0, 'Avery still shown on Contacts', 5_000);
    await go(page, '/contacts?q=Livewire');
    await avatars(bea).first().waitFor();
  });

  test('Avery renames the contact; Bea’s list shows the new name without a reload', async () => {
    let reloaded = false;
    bea.once('load', () => {
      reloaded = true;
    });
    const started = Date.now();
    const renamed = await api(page, 'PATCH', `/api/contacts/${contactId}`, { lastName: 'Livewire-Renamed' });
    expect(renamed.status === 200, `rename: ${JSON.stringify(renamed.body)}`);
    await bea.getByText('Quentin Livewire-Renamed').first().waitFor({ timeout: 5_000 });
    const took = Date.now() - started;
    console.log(`e2e: live: the rename reached the other browser in ${took} ms`);
    expect(!reloaded, 'Bea’s page did not reload');
    await shot(bea, 'renamed-bea');
  });

  test('Avery drags a card on the pipeline; Bea’s board follows', async () => {
    await go(page, '/pipeline');
    await go(bea, '/pipeline');
    const meeting = page.getByTestId('column-meeting').getByTestId('kanban-card');
    await meeting.first().waitFor();
    await bea.getByTestId('column-meeting').getByTestId('kanban-card').first().waitFor();
    await avatars(bea).first().waitFor();
    const count = async (target, stage) => Number((await target.getByTestId(`count-${stage}`).textContent()).replace(/\D/g, ''));
    const before = { meeting: await count(bea, 'meeting'), dd: await count(bea, 'due_diligence') };
    const name = (await meeting.first().textContent()).slice(0, 12);
    await drag(page, meeting.first(), page.getByTestId('column-due_diligence'));
    await waitFor(async () => (await count(page, 'due_diligence')) === before.dd + 1, 'Avery’s board did not take the move', 10_000);
    await waitFor(
      async () => (await count(bea, 'due_diligence')) === before.dd + 1 && (await count(bea, 'meeting')) === before.meeting - 1,
      `Bea’s board did not follow the move of ${name}`,
      5_000,
    );
    await shot(bea, 'pipeline-bea');
  });

  test('on the grid Avery sees Bea’s selected cell, and cannot edit the cell Bea is editing until she stops', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await bea.setViewportSize({ width: 1440, height: 900 });
    await go(page, '/grid');
    await go(bea, '/grid');
    const cellOf = (target) => target.locator('.ag-row[row-index="0"]:not(.ag-row-pinned) .ag-cell[col-id$=":expectedAmount"]').first();
    await cellOf(page).waitFor();
    await cellOf(bea).waitFor();
    await cellOf(bea).click();
    // Bea's cursor: a label with her name on that cell in Avery's grid.
    await cellOf(page).locator('.lp-grid-peer', { hasText: 'Bea Chen' }).waitFor({ timeout: 5_000 });
    await shot(page, 'grid-peer-avery');
    // Bea starts typing: the cell is locked for her; Avery's attempt to edit is refused and named.
    await bea.keyboard.type('Bea types');
    await page.waitForTimeout(500);
    await cellOf(page).dblclick();
    await page.getByText('Bea Chen is editing this cell').waitFor({ timeout: 5_000 });
    expect((await page.locator('.ag-cell-inline-editing').count()) === 0, 'Avery got an editor on a locked cell');
    await shot(page, 'grid-locked-avery');
    // Bea gives up (Escape): the lock goes, and Avery may edit.
    await bea.keyboard.press('Escape');
    await page.waitForTimeout(500);
    await cellOf(page).dblclick();
    await page.locator('.ag-cell-inline-editing').first().waitFor({ timeout: 5_000 });
    await page.keyboard.press('Escape');
  });

  test('Bea closes her browser: Avery no longer sees her', async () => {
    await second.close();
    second = null;
    await waitFor(async () => (await avatars(page).count()) === 0, 'Bea still shown after leaving', 10_000);
    await shot(page, 'alone-avery');
  });
}
