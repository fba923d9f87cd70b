// Issue 9, items 6 and 9: the command palette (Enter, typos, notes), the activity log in names, and the
// small fixes (kind re-click, website without https, formatted phones, duplicate names, temporary passwords).
import assert from 'node:assert/strict';
import { test } from '../lib/harness.mjs';
import { api, screenshot, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

export function register({ page, url, admin, screenshotDir }) {
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const shot = (name) => screenshot(page, screenshotDir, `polish-${name}`);
  const go = async (path) => {
    await page.goto(url + path);
    await nav().waitFor();
  };
  const firstId = async (collection, q) => (await api(page, 'GET', `/api/${collection}?q=${encodeURIComponent(q)}&limit=5`)).body.data[0].id;
  const openPalette = async () => {
    // The palette is a lazy chunk: a Ctrl+K pressed before it has mounted is lost, as it would be for a
    // person right after sign-in, who presses again.
    const input = page.getByTestId('palette-input');
    for (let attempt = 0; attempt < 5 && !(await input.isVisible()); attempt += 1) {
      await page.keyboard.press('Control+k');
      await input.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await input.waitFor();
    return input;
  };

  test('palette: Enter opens the first result, and "Julai" finds Julia', async () => {
    await signIn(page, url, admin);
    const julia = await firstId('contacts', 'Julia Novak');
    const input = await openPalette();
    // Typed and entered at once: Enter waits for the results of the last keystroke.
    await input.pressSequentially('Julai');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/contacts/${julia}`);
    await page.getByRole('heading', { name: 'Julia Novak' }).first().waitFor();
  });

  test('palette: arrows move the highlight; a note is found by its text, in its own group', async () => {
    const input = await openPalette();
    await input.fill('secure portal');
    const note = page.locator('[data-testid="palette-result"][data-result-type="communication"]');
    await note.first().waitFor();
    assert.ok((await note.first().innerText()).includes('Wire instructions'));
    await page.locator('[style*="Notes and communications"]').waitFor();
    await shot('palette-note');
    // Opening a note from the palette shows it in full, over whatever screen it opens on.
    await note.first().click();
    await page.getByTestId('communication-detail').filter({ hasText: 'Wire instructions' }).waitFor();
    await page.keyboard.press('Escape');
    await openPalette();
    await input.fill('Chen');
    await page.locator('[data-testid="palette-result"]').nth(1).waitFor();
    await page.keyboard.press('ArrowDown');
    const highlighted = page.locator('[data-testid="palette-result"][data-selected]');
    await waitFor(async () => (await page.locator('[data-testid="palette-result"]').nth(1).getAttribute('data-selected')) !== null, 'ArrowDown did not move the highlight');
    const label = await highlighted.locator('p').first().innerText();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: label }).first().waitFor();
  });

  test('activity log names the record and the people it refers to', async () => {
    const harbor = await firstId('organizations', 'Harborview Family Office');
    const created = await api(page, 'POST', '/api/users', { username: 'sam', password: 'temporary password 1', role: 'member', fullName: 'Sam Rivera' });
    assert.equal(created.status, 201);
    const changed = await api(page, 'PATCH', `/api/organizations/${harbor}`, { ownerId: created.body.data.id });
    assert.equal(changed.status, 200);
    await go('/settings/activity');
    const row = page.getByTestId('activity-summary').filter({ hasText: 'changed Owner of Harborview Family Office' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /^Avery Admin changed Owner of Harborview Family Office from .+ to Sam Rivera$/);
    assert.doesNotMatch(await page.getByTestId('activity-table').innerText(), /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}/);
    await shot('activity');
    await go(`/organizations/${harbor}`);
    await page.getByTestId('record-activity-entry').filter({ hasText: 'to Sam Rivera' }).first().waitFor();
  });

  test('organization form: re-clicking the kind keeps it; a website without https is saved with it', async () => {
    await go('/organizations');
    await page.getByRole('button', { name: 'New organization' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill('Polish Test Capital');
    const kind = dialog.getByTestId('organization-kind');
    await kind.click();
    await page.getByRole('option', { name: 'RIA / wealth manager' }).click();
    await kind.click();
    await page.getByRole('option', { name: 'RIA / wealth manager' }).click();
    assert.equal(await kind.inputValue(), 'RIA / wealth manager');
    await dialog.getByLabel('Website').fill('polishtest.example.com');
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = (await api(page, 'GET', '/api/organizations?q=Polish%20Test%20Capital')).body.data[0];
    assert.equal(saved.kind, 'ria_wealth_manager');
    assert.equal(saved.website, 'https://polishtest.example.com');
  });

  test('duplicate organization name: warned, open it or create anyway', async () => {
    await go('/organizations');
    await page.getByRole('button', { name: 'New organization' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).fill('harborview family office');
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    const warning = dialog.getByTestId('duplicate-organization');
    await warning.waitFor();
    assert.ok((await warning.innerText()).includes('An organization named “Harborview Family Office” already exists'));
    await shot('duplicate');
    await dialog.getByTestId('create-anyway').click();
    await dialog.waitFor({ state: 'detached' });
    const all = (await api(page, 'GET', '/api/organizations?q=harborview&limit=10')).body.data;
    assert.equal(all.length, 2);
  });

  test('phones are shown formatted', async () => {
    const eleanor = await firstId('contacts', 'Eleanor Whitfield');
    await go(`/contacts/${eleanor}`);
    await page.getByText('(617) 555-0142').first().waitFor();
    assert.equal(await page.getByText('+16175550142').count(), 0);
  });

  test('dark theme: record changes card and the palette with notes', async () => {
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    const harbor = await firstId('organizations', 'Harborview Family Office');
    await go(`/organizations/${harbor}`);
    await page.getByTestId('record-activity').waitFor();
    await page.getByTestId('record-activity').scrollIntoViewIfNeeded();
    await shot('dark-record-activity');
    const input = await openPalette();
    await input.fill('secure portal');
    await page.locator('[data-testid="palette-result"][data-result-type="communication"]').first().waitFor();
    await shot('dark-palette-note');
    await page.keyboard.press('Escape');
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  });

  test('a temporary password must be changed at the next sign-in', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByRole('textbox', { name: 'Username' }).fill('sam');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('temporary password 1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const form = page.getByTestId('change-password-form');
    await form.waitFor();
    assert.equal((await api(page, 'GET', '/api/contacts')).body.error.code, 'password_change_required');
    await shot('change-password');
    await form.getByLabel('Temporary password').fill('temporary password 1');
    await form.getByLabel('New password', { exact: true }).fill('sam picks his own 9');
    await form.getByLabel('Confirm new password').fill('sam picks his own 9');
    await form.getByRole('button', { name: 'Set password and continue' }).click();
    await nav().waitFor();
    assert.equal((await api(page, 'GET', '/api/contacts')).status, 200);
  });

}
