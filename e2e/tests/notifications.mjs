// The notification centre: Avery (the admin) gives Bea a task from the New task form, mentioning her in
// its notes with the @-autocomplete, and mentions her in a call note; Bea signs in, sees the bell's count,
// opens the list, clicks through to the record, and the count drops. Then Mark all read, the digest
// opt-out in Profile, and both themes.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

const BEA = { username: 'bea', password: 'bea has a long passphrase', fullName: 'Bea Chen', email: 'bea@fund.example' };

export function register({ page, url, admin, screenshotDir }) {
  // Popovers fade in: let them settle before the picture.
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `e2e-notifications-${name}.png`) });
  };
  const bell = () => page.getByTestId('notification-bell');
  const bellLabel = () => bell().getAttribute('aria-label');
  let contactId = null;

  test('Avery assigns Bea a task and mentions her with the @ autocomplete', async () => {
    await admin.call('POST', '/api/users', { ...BEA, role: 'member' });
    contactId = (await admin.call('POST', '/api/contacts', { firstName: 'Julia', lastName: 'Vondracek' })).data.id;
    await signIn(page, url, admin);
    expect((await bellLabel()) === 'Notifications', `Avery's bell starts empty, not ${await bellLabel()}`);

    await page.getByTestId('shell-new-task').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('task-title').fill('Send Julia the Q3 letter');
    const assignee = dialog.getByLabel(/^Assignee/);
    await assignee.click();
    await assignee.fill('Bea');
    await page.getByRole('option', { name: 'Bea Chen' }).click();
    const notes = dialog.getByLabel(/^Notes/);
    await notes.click();
    await notes.pressSequentially('Draft is in the shared folder, @be');
    await page.getByRole('option', { name: /@bea/ }).waitFor();
    await shot('mention-suggestions');
    await page.keyboard.press('Enter');
    await notes.pressSequentially('please check the numbers.');
    const written = await notes.inputValue();
    expect(written === 'Draft is in the shared folder, @bea please check the numbers.', `the mention was not completed: ${written}`);
    await page.getByTestId('save-task').click();
    await dialog.waitFor({ state: 'hidden' });

    const logged = await api(page, 'POST', '/api/communications', {
      kind: 'call',
      occurredAt: new Date().toISOString(),
      subject: 'Q3 check-in',
      body: 'Julia wants the capital account statement.\n@bea can you send it?',
      contactIds: [contactId],
    });
    expect(logged.status === 201, `logging the call: ${JSON.stringify(logged.body)}`);
    // Avery acted; Avery's own bell stays quiet.
    const mine = await api(page, 'GET', '/api/notifications/unread-count');
    expect(mine.body.data.unread === 0, `Avery has ${mine.body.data.unread} unread`);
  });

  test('Bea signs in and sees the count on the bell', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await signIn(page, url, BEA);
    // The subscriber runs right after the commits; the bell asks on load, on focus and every minute.
    await waitFor(
      async () => {
        if ((await bellLabel()) === 'Notifications: 3 unread') return true;
        await page.reload();
        await bell().waitFor();
        return false;
      },
      'the bell never showed 3 unread',
      20_000,
    );
    expect((await page.getByTestId('notification-count').textContent()).includes('3'), 'the badge shows 3');
    await shot('bell');
  });

  test('the list shows newest first with unread marked; a click opens the record and the count drops', async () => {
    await bell().click();
    const items = page.getByTestId('notification-item');
    await items.first().waitFor();
    expect((await items.count()) === 3, `3 notifications, not ${await items.count()}`);
    const labels = await items.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    const expected = [
      'Unread: Avery Admin mentioned you in a call “Q3 check-in”',
      'Unread: Avery Admin mentioned you in the task “Send Julia the Q3 letter”',
      'Unread: Avery Admin assigned you a task: Send Julia the Q3 letter',
    ];
    expect(JSON.stringify(labels) === JSON.stringify(expected), `newest first, unread marked: ${JSON.stringify(labels)}`);
    await shot('list-light');
    await items.first().click();
    await page.waitForURL((u) => u.pathname === `/contacts/${contactId}`);
    await page.getByRole('heading', { name: 'Julia Vondracek' }).waitFor();
    // The note itself opens over its contact's page.
    await page.getByTestId('communication-detail').filter({ hasText: 'Q3 check-in' }).waitFor();
    await waitFor(async () => (await bellLabel()) === 'Notifications: 2 unread', 'the count did not drop to 2');
    await page.keyboard.press('Escape');
    await page.getByTestId('communication-detail').waitFor({ state: 'detached' });
  });

  test('Mark all read empties the count; the list keeps the history', async () => {
    await bell().click();
    await page.getByTestId('notifications-mark-all').click();
    await waitFor(async () => (await bellLabel()) === 'Notifications', 'the count did not clear');
    expect((await page.locator('[data-testid="notification-item"][data-unread]').count()) === 0, 'nothing is marked unread');
    expect((await page.getByTestId('notification-item').count()) === 3, 'the history stays');
    await page.keyboard.press('Escape');
  });

  test('dark theme', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
    await bell().click();
    await page.getByTestId('notification-item').first().waitFor();
    await shot('list-dark');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
  });

  test('Bea turns the daily digest off in Profile', async () => {
    await page.goto(`${url}/settings/profile`);
    const toggle = page.getByTestId('digest-switch');
    await toggle.waitFor();
    expect(await toggle.isChecked(), 'the digest is on by default');
    await shot('profile-digest');
    await toggle.click({ force: true });
    await waitFor(async () => (await api(page, 'GET', '/api/notifications/preferences')).body.data.emailDigest === false, 'the digest stayed on');
    await page.reload();
    await page.getByTestId('digest-switch').waitFor();
    // The switch can paint before the saved preference has loaded: wait for it rather than read it once.
    await waitFor(async () => !(await page.getByTestId('digest-switch').isChecked()), 'the digest stays off after a reload', 5_000);
  });
}
