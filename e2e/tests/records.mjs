// Edit and delete everywhere (issue 9, items 1, 5, 7 and the Tasks part of 9): a six-line meeting note
// is shown whole on the feed and the timeline, opens, is edited with history, is deleted and restored;
// tasks open, are edited, reassigned, completed and deleted; the sidebar's New task links an investor;
// trashing an organization first says what leaves which screen, and restoring brings it all back.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

const NOTE_LINES = ['Fund II terms walked through', 'Fee break above $10M', 'Co-invest rights wanted', 'Quarterly reporting is fine', 'Next meeting in March', 'Send the deck and the DDQ'];
const NOTE = ['Agenda and outcomes:', ...NOTE_LINES.map((line, i) => `${i + 1}. ${line}`)].join('\n');

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `records-${name}.png`) });
  const go = async (path) => {
    await page.goto(url + path);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  };
  const setTheme = async (scheme) => {
    await page.evaluate((value) => localStorage.setItem('mantine-color-scheme-value', value), scheme);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
  };
  const drawer = (testId) => page.getByTestId(testId);
  const ids = {};

  /** Every numbered line of the note is its own visible list item inside `scope`. */
  const expectAllLines = async (scope, what) => {
    for (const line of NOTE_LINES) await scope.getByText(line, { exact: true }).waitFor({ state: 'visible' });
    const items = await scope.getByRole('listitem').count();
    expect(items >= 6, `${what}: six list items, found ${items}`);
  };

  test('sign in and create an investor with two people and a $5M commitment in Fund II', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    const org = await api(page, 'POST', '/api/organizations', { name: 'Harbor Records Family Office', kind: 'family_office' });
    expect(org.status === 201, `organization: ${JSON.stringify(org.body)}`);
    ids.org = org.body.data.id;
    expect(org.body.data.ownerId !== null, 'owner defaults to the creator');
    const ada = await api(page, 'POST', '/api/contacts', { firstName: 'Ada', lastName: 'Harbor', organizationId: ids.org });
    const ben = await api(page, 'POST', '/api/contacts', { firstName: 'Ben', lastName: 'Harbor', organizationId: ids.org });
    expect(ada.status === 201 && ben.status === 201, `contacts: ${JSON.stringify(ada.body)} ${JSON.stringify(ben.body)}`);
    ids.ada = ada.body.data.id;
    ids.ben = ben.body.data.id;
    const funds = await api(page, 'GET', '/api/funds?limit=10');
    ids.fund = funds.body.data.find((f) => f.name === 'Fund II').id;
    const commitment = await api(page, 'POST', '/api/commitments', {
      organizationId: ids.org,
      fundId: ids.fund,
      stage: 'committed',
      expectedAmount: 500_000_000,
      committedAmount: 500_000_000,
      primaryContactId: ids.ada,
    });
    expect(commitment.status === 201, `commitment: ${JSON.stringify(commitment.body)}`);
    ids.commitment = commitment.body.data.id;
  });

  test('log a six-line numbered note from the organization, with its people offered as participants', async () => {
    await go(`/organizations/${ids.org}`);
    await page.getByTestId('log-communication').click();
    const form = page.getByTestId('communication-form');
    // The commitment's primary contact is prefilled; the organization's other person is one click away.
    await form.getByText('Ada Harbor').first().waitFor();
    await form.getByTestId('comm-suggested-person').filter({ hasText: 'Ben Harbor' }).click();
    await form.getByTestId('comm-subject').fill('Fund II terms meeting');
    await form.getByTestId('comm-body').fill(NOTE);
    await shot('log-form');
    await form.getByTestId('save-communication').click();
    await form.waitFor({ state: 'detached' });
    const list = await api(page, 'GET', `/api/communications?organizationId=${ids.org}`);
    const logged = list.body.data.find((c) => c.subject === 'Fund II terms meeting');
    expect(logged, 'the communication was logged');
    ids.note = logged.id;
    expect(logged.body === NOTE, 'the body is stored as typed, line breaks included');
    expect(logged.contacts.map((c) => c.name).sort().join(',') === 'Ada Harbor,Ben Harbor', `both people are linked: ${JSON.stringify(logged.contacts)}`);
  });

  test('the feed and the timeline show all six lines', async () => {
    await go('/communications');
    const item = page.getByTestId('communication-item').filter({ hasText: 'Fund II terms meeting' });
    await expectAllLines(item, 'feed');
    await shot('feed');
    await go(`/organizations/${ids.org}`);
    const timeline = page.getByTestId('timeline-communication').filter({ hasText: NOTE_LINES[0] });
    await expectAllLines(timeline, 'timeline');
    await shot('timeline');
  });

  test('open the note, edit it, and read the earlier version in its history', async () => {
    await go('/communications');
    await page.getByTestId('communication-item').filter({ hasText: 'Fund II terms meeting' }).getByText('Fund II terms meeting').click();
    const detail = drawer('communication-detail');
    await expectAllLines(detail, 'drawer');
    await detail.getByText('Ada Harbor').waitFor();
    await detail.getByTestId('edit-communication').click();
    const form = page.getByTestId('communication-form');
    await form.getByTestId('comm-body').fill(`${NOTE}\n7. Added after the call`);
    await form.getByTestId('save-communication').click();
    await form.waitFor({ state: 'detached' });
    await detail.getByText('Added after the call').waitFor();
    await detail.getByText(/edited notes/).waitFor();
    await detail.getByTestId('show-previous-version').click();
    const previous = detail.getByTestId('previous-version');
    await previous.getByText(NOTE_LINES[5]).waitFor();
    expect((await previous.getByText('Added after the call').count()) === 0, 'the earlier version is the text before the edit');
    await shot('communication-drawer');
    // The open drawer is in the URL, so the reload that switches the theme opens it again.
    await setTheme('dark');
    await drawer('communication-detail').getByText('Added after the call').waitFor();
    await shot('communication-drawer-dark');
    await page.keyboard.press('Escape');
    await drawer('communication-detail').waitFor({ state: 'detached' });
    await setTheme('light');
  });

  test('a link opens the note on any screen, and Back closes it', async () => {
    await go('/tasks');
    await go(`/tasks?communication=${ids.note}`);
    await drawer('communication-detail').getByText('Added after the call').waitFor();
    await page.goBack();
    await drawer('communication-detail').waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
  });

  test('delete the note with a confirmation, find it in Trash with who deleted it, restore it', async () => {
    await go('/communications');
    await page.getByTestId('communication-item').filter({ hasText: 'Fund II terms meeting' }).getByText('Fund II terms meeting').click();
    await drawer('communication-detail').getByTestId('delete-communication').click();
    await page.getByTestId('confirm-dialog').getByText(/leaves the Communications feed/).waitFor();
    await page.getByTestId('confirm-trash').click();
    await page.getByTestId('communication-item').filter({ hasText: 'Fund II terms meeting' }).waitFor({ state: 'detached' });
    await go('/settings/trash');
    await page.getByTestId('trash-collection').getByText('Communications').click();
    const row = page.getByTestId('trash-row').filter({ hasText: 'Fund II terms meeting' });
    await row.getByText(/by Avery Admin/).waitFor();
    await shot('trash-communications');
    await row.getByTestId('restore-row').click();
    await row.waitFor({ state: 'detached' });
    await go('/communications');
    await page.getByTestId('communication-item').filter({ hasText: 'Fund II terms meeting' }).waitFor();
  });

  test('the Tasks screen shows the team’s tasks by default and says so', async () => {
    await go('/tasks');
    await page.getByTestId('task-scope-sentence').getByText(/for the whole team, as on the dashboard/).waitFor();
    const overdue = await api(page, 'GET', '/api/tasks?status=open&due=overdue&limit=50');
    if (overdue.body.total > 0) await page.getByTestId('task-row').first().waitFor();
  });

  test('open a task, edit it, reassign it, complete and reopen it, then delete it', async () => {
    const member = await api(page, 'POST', '/api/users', { username: 'robin', password: 'a long enough password', fullName: 'Robin Reassigned', role: 'member' });
    expect(member.status === 201, `user: ${JSON.stringify(member.body)}`);
    const task = await api(page, 'POST', '/api/tasks', { title: 'Send Harbor the DDQ', entityType: 'organization', entityId: ids.org });
    expect(task.body.data.assignee?.name === 'Avery Admin', 'a new task is assigned to its creator');
    ids.task = task.body.data.id;
    await go('/tasks');
    await page.getByTestId('open-task').filter({ hasText: 'Send Harbor the DDQ' }).click();
    const detail = drawer('task-detail');
    await detail.getByText('Harbor Records Family Office').waitFor();
    await detail.getByTestId('edit-task').click();
    const form = page.getByTestId('task-form');
    await form.getByTestId('task-title').fill('Send Harbor the final DDQ');
    await form.getByTestId('save-task').click();
    await form.waitFor({ state: 'detached' });
    await detail.getByText('Send Harbor the final DDQ').waitFor();
    await detail.getByTestId('task-reassign').click();
    await page.getByRole('option', { name: 'Robin Reassigned' }).click();
    await waitFor(async () => (await api(page, 'GET', `/api/tasks/${ids.task}`)).body.data.assignee?.name === 'Robin Reassigned', 'task reassigned');
    await detail.getByTestId('complete-task').click();
    await detail.getByTestId('task-status').getByText('Done').waitFor();
    await detail.getByTestId('reopen-task').click();
    await detail.getByTestId('task-status').getByText('Open').waitFor();
    await shot('task-drawer');
    await detail.getByTestId('delete-task').click();
    await page.getByTestId('confirm-trash').click();
    await detail.waitFor({ state: 'detached' });
    await page.getByTestId('open-task').filter({ hasText: 'Send Harbor the final DDQ' }).waitFor({ state: 'detached' });
    const trashed = await api(page, 'GET', '/api/trash?entityType=task');
    expect(
      trashed.body.data.some((t) => t.id === ids.task && t.deletedByName === 'Avery Admin'),
      'the task is in the trash, with who trashed it',
    );
  });

  test('New task from the sidebar links an investor', async () => {
    await go('/');
    await page.getByTestId('shell-new-task').click();
    const form = page.getByTestId('task-form');
    await form.getByTestId('task-title').fill('Call Harbor about co-invest');
    const link = form.getByTestId('task-link');
    await link.click();
    await link.fill('Harbor Records');
    await page.getByRole('option', { name: 'Harbor Records Family Office' }).click();
    await shot('sidebar-new-task');
    await form.getByTestId('save-task').click();
    await form.waitFor({ state: 'detached' });
    const tasks = await api(page, 'GET', `/api/tasks?entityType=organization&entityId=${ids.org}`);
    expect(
      tasks.body.data.some((t) => t.title === 'Call Harbor about co-invest'),
      `the task is linked to the organization: ${JSON.stringify(tasks.body.data.map((t) => t.title))}`,
    );
  });

  test('trashing a contact says what changes; cancel leaves it alone', async () => {
    await go(`/contacts/${ids.ada}`);
    await page.getByTestId('record-menu').click();
    await page.getByTestId('trash-record').click();
    const dialog = page.getByTestId('trash-impact');
    await dialog.getByText(/1 commitment names Ada Harbor as primary contact/).waitFor();
    await dialog.getByText('Ada Harbor leaves the People list of 1 organization.').waitFor();
    await dialog.getByText('1 communication stays in the Communications feed.').waitFor();
    await shot('trash-impact-contact');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api(page, 'GET', `/api/contacts/${ids.ada}`)).body.data.deletedAt === null, 'cancel trashes nothing');
  });

  test('trashing an organization says what leaves which screen; restoring brings it back', async () => {
    await go(`/organizations/${ids.org}`);
    await page.getByTestId('record-menu').click();
    await page.getByTestId('trash-record').click();
    const dialog = page.getByTestId('trash-impact');
    await dialog.getByText('1 commitment leaves the Pipeline, the LP Tracker and the Dashboard.').waitFor();
    await dialog.getByText('$5M committed leaves Fund II totals.').waitFor();
    await dialog.getByText('2 people stay in Contacts, shown without Harbor Records Family Office.').waitFor();
    await shot('trash-impact');
    await setTheme('dark');
    await page.getByTestId('record-menu').click();
    await page.getByTestId('trash-record').click();
    await page.getByTestId('trash-impact').getByText('$5M committed leaves Fund II totals.').waitFor();
    await shot('trash-impact-dark');
    await page.getByTestId('confirm-trash').click();
    await waitFor(async () => (await api(page, 'GET', `/api/organizations/${ids.org}`)).body.data.deletedAt !== null, 'organization trashed');
    const live = await api(page, 'GET', '/api/commitments?limit=500');
    expect(!live.body.data.some((c) => c.id === ids.commitment), 'its commitment left the commitment lists');
    await setTheme('light');
    await go('/settings/trash');
    await page.getByTestId('trash-collection').getByText('Organizations').click();
    const row = page.getByTestId('trash-row').filter({ hasText: 'Harbor Records Family Office' });
    await row.getByText(/by Avery Admin/).waitFor();
    await row.getByTestId('restore-row').click();
    await row.waitFor({ state: 'detached' });
    const back = await api(page, 'GET', '/api/commitments?limit=500');
    expect(
      back.body.data.some((c) => c.id === ids.commitment),
      'restoring the organization brought its commitment back',
    );
  });
}
