// The main user journey, one step per test: setup → login → records → pipeline → communication →
// dashboard/timeline → trash/restore → custom field → logout.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { drag } from '../lib/kanban.mjs';
import { api, waitFor } from '../lib/session.mjs';

/** This suite sets up the first admin through the UI itself. */
export const suite = { setup: 'ui' };

const ADMIN = { username: 'casey', password: 'a long enough passphrase', fullName: 'Casey Partner', email: 'casey@fund.example' };

async function pickOption(page, label, search, option) {
  const input = page.getByRole('dialog').getByLabel(new RegExp(`^${label}`));
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

function todayAriaLabel() {
  const d = new Date();
  return `${d.getDate()} ${d.toLocaleString('en-US', { month: 'long' })} ${d.getFullYear()}`;
}

export function register({ page, url, screenshotDir }) {
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const go = async (path) => {
    await page.goto(url + path);
    await nav().waitFor();
  };
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `e2e-${name}.png`) });
  let commitmentId = null;

  test('first-run setup creates the admin and signs in', async () => {
    await page.goto(url);
    await page.getByText('Set up LP Desk').waitFor();
    await page.getByRole('textbox', { name: 'Full name' }).fill(ADMIN.fullName);
    await page.getByRole('textbox', { name: 'Username' }).fill(ADMIN.username);
    await page.getByRole('textbox', { name: 'Email' }).fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('must be at least 10 characters').first().waitFor();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await page.getByRole('textbox', { name: 'Confirm password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await nav().waitFor();
    await page.getByTestId('user-menu').getByText(ADMIN.fullName).waitFor();
  });

  test('a refresh keeps the session', async () => {
    await page.reload();
    await nav().waitFor();
    await page.getByTestId('user-menu').getByText(ADMIN.fullName).waitFor();
    await go('/contacts');
    await page.reload();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
  });

  test('log out, then log back in', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByRole('textbox', { name: 'Username' }).fill(ADMIN.username);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('form-error').waitFor();
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await nav().waitFor();
  });

  test('create a fund and an organization', async () => {
    await go('/pipeline');
    await page.getByRole('button', { name: 'Create a fund' }).click();
    await page.getByTestId('fund-name').fill('Fund III');
    await page.getByTestId('save-fund').click();
    await page.getByTestId('column-lead').waitFor();
    await go('/organizations');
    await page.getByTestId('new-organization').click();
    await page.getByTestId('save-organization').click();
    await page.getByText('must not be empty').first().waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Acme Capital Partners');
    await page.getByRole('textbox', { name: 'Location' }).fill('Boston, MA');
    await page.getByTestId('save-organization').click();
    await page.getByTestId('grid-row').filter({ hasText: 'Acme Capital Partners' }).waitFor();
  });

  test('create a contact linked to the organization', async () => {
    await go('/contacts');
    await page.getByTestId('new-contact').click();
    await page.getByRole('textbox', { name: 'First name' }).fill('Jane');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Doe');
    await pickOption(page, 'Organization', 'Acme', 'Acme Capital Partners');
    const emails = page.getByRole('dialog').getByLabel('Emails', { exact: true });
    await emails.fill('not-an-email');
    await emails.press('Enter');
    await page.getByTestId('save-contact').click();
    await page.getByText('must be a valid email address').first().waitFor();
    await page.locator('[data-testid="contact-form"] .mantine-Pill-remove').first().click();
    await emails.fill('jane@acme.example');
    await emails.press('Enter');
    await page.getByTestId('save-contact').click();
    await page.getByTestId('grid-row').filter({ hasText: 'Jane Doe' }).filter({ hasText: 'Acme Capital Partners' }).waitFor();
  });

  test('create a commitment from the pipeline', async () => {
    await go('/pipeline');
    await page.getByTestId('new-commitment').click();
    await pickOption(page, 'Investor', 'Acme', 'Acme Capital Partners');
    await page.getByRole('dialog').getByLabel('Expected amount', { exact: true }).fill('2500000');
    await page.getByTestId('save-commitment').click();
    const card = page.getByTestId('column-lead').getByTestId('kanban-card').filter({ hasText: 'Acme Capital Partners' });
    await card.waitFor();
    expect((await card.textContent()).includes('$2.5M'), 'card shows $2.5M');
    expect((await page.getByTestId('total-lead').textContent()) === '$2.5M', 'lead column total is $2.5M');
    const list = await api(page, 'GET', '/api/commitments?limit=10');
    commitmentId = list.body.data[0].id;
  });

  test('drag the card across two stages (lead → outreach → meeting)', async () => {
    const card = () => page.getByTestId('kanban-card').filter({ hasText: 'Acme Capital Partners' });
    await drag(page, card(), page.getByTestId('column-outreach'));
    await page.getByTestId('column-outreach').getByTestId('kanban-card').filter({ hasText: 'Acme' }).waitFor();
    await waitFor(async () => (await api(page, 'GET', `/api/commitments/${commitmentId}`)).body.data.stage === 'outreach', 'server stage is outreach');
    // Let the drop animation and the post-move refetch settle before picking the card up again.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    await drag(page, card(), page.getByTestId('column-meeting'));
    await page.getByTestId('column-meeting').getByTestId('kanban-card').filter({ hasText: 'Acme' }).waitFor();
    await waitFor(async () => (await api(page, 'GET', `/api/commitments/${commitmentId}`)).body.data.stage === 'meeting', 'server stage is meeting');
    expect((await page.getByTestId('count-meeting').textContent()) === '1', 'meeting column counts 1');
    await shot('pipeline-after-drag');
  });

  test('keyboard moves a card one stage right', async () => {
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    const card = page.getByTestId('kanban-card').filter({ hasText: 'Acme Capital Partners' });
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
    await page.keyboard.press('Space');
    await page.getByTestId('column-due_diligence').getByTestId('kanban-card').filter({ hasText: 'Acme' }).waitFor();
    await waitFor(
      async () => (await api(page, 'GET', `/api/commitments/${commitmentId}`)).body.data.stage === 'due_diligence',
      'server stage is due_diligence',
    );
  });

  test('log a communication with a next action from the contact page', async () => {
    await page.keyboard.press('Control+k');
    const search = page.getByTestId('palette-input');
    await search.waitFor();
    await search.fill('Jane');
    await page.getByTestId('palette-result').filter({ hasText: 'Jane Doe' }).click();
    await page.getByTestId('contact-detail').waitFor();
    expect(page.url().includes('/contacts/'), 'palette opened the contact page');
    await page.getByTestId('log-communication').click();
    await page.getByTestId('comm-subject').fill('Intro call with Jane');
    await page.getByTestId('comm-next-action').fill('Send the deck');
    await page.getByTestId('save-communication').click();
    await page.getByText('Pick a due date so a follow-up task is created').waitFor();
    await page.getByTestId('comm-next-due').click();
    await page.getByRole('button', { name: todayAriaLabel(), exact: true }).click();
    await page.getByTestId('save-communication').click();
    await page.getByTestId('communication-form').waitFor({ state: 'detached' });
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('Intro call with Jane').waitFor();
    await timeline.getByText('Send the deck').first().waitFor();
  });

  test('the communication and its follow-up task show on the dashboard', async () => {
    await go('/');
    await page.getByTestId('recent-communications').getByText('Intro call with Jane').waitFor();
    await page.getByTestId('dashboard-tasks').getByText('Send the deck').waitFor();
    await page.getByTestId('stage-changes').getByText('Acme Capital Partners').first().waitFor();
    await shot('dashboard');
  });

  test('move a contact to trash and restore it', async () => {
    await go('/contacts');
    const row = page.getByTestId('grid-row').filter({ hasText: 'Jane Doe' });
    await row.getByRole('checkbox').check();
    await page.getByTestId('bulk-trash').click();
    await page.getByTestId('confirm-trash').click();
    await row.waitFor({ state: 'detached' });
    await go('/settings/trash');
    const trashed = page.getByTestId('trash-row').filter({ hasText: 'Jane Doe' });
    await trashed.getByRole('button', { name: 'Restore' }).click();
    await trashed.waitFor({ state: 'detached' });
    await go('/contacts');
    await page.getByTestId('grid-row').filter({ hasText: 'Jane Doe' }).waitFor();
  });

  test('a custom field appears in the contact form and table', async () => {
    await go('/settings/custom-fields');
    await page.getByTestId('new-custom-field').click();
    await page.getByTestId('cf-label').fill('Investment region');
    await page.getByTestId('save-custom-field').click();
    await page.getByRole('cell', { name: 'investment_region' }).waitFor();
    await go('/contacts');
    await page.getByRole('columnheader', { name: 'Investment region' }).waitFor();
    await page.getByTestId('grid-row').filter({ hasText: 'Jane Doe' }).click();
    await page.getByTestId('edit-contact').click();
    await page.getByTestId('cf-investment_region').fill('EMEA');
    await page.getByTestId('save-contact').click();
    await page.getByTestId('contact-form').waitFor({ state: 'detached' });
    await page.getByTestId('custom-fields-card').getByText('EMEA').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('grid-row').filter({ hasText: 'Jane Doe' }).getByText('EMEA').waitFor();
    await shot('contacts-custom-field');
  });

  test('log out returns to sign-in and a refresh stays signed out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me === 401, `GET /api/auth/me after logout is ${me}, expected 401`);
  });
}
