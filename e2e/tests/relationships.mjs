// Relationships (issue 11, part 6): a contact page shows works-at history with dates and titles (a mover
// keeps one record), who on the team knows them with a strength bar and its evidence, who they met
// together, introductions (added through the form) and the warm intro path; the organization page shows
// its people current and past and the team's strength with them.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

const DAY = 86_400_000;
const daysAgo = (days) => new Date(Date.now() - days * DAY).toISOString();
const dateAgo = (days) => daysAgo(days).slice(0, 10);

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `relationships-${name}.png`), fullPage: true });
  const ids = {};
  const created = async (path, body) => {
    const response = await api(page, 'POST', path, body);
    expect(response.status === 201, `${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data.id;
  };

  test('set up a mover, a friend the team meets often, and their meetings and emails', async () => {
    await page.setViewportSize({ width: 1440, height: 1100 });
    await signIn(page, url, admin);
    ids.me = (await api(page, 'GET', '/api/auth/me')).body.data.user.id;
    ids.oldFirm = await created('/api/organizations', { name: 'Northwind Endowment', kind: 'endowment' });
    ids.newFirm = await created('/api/organizations', { name: 'Harbor Family Office', kind: 'family_office' });
    ids.mover = await created('/api/contacts', { firstName: 'Maya', lastName: 'Mover', organizationId: ids.oldFirm });
    ids.friend = await created('/api/contacts', { firstName: 'Felix', lastName: 'Friend' });
    ids.colleague = await created('/api/contacts', { firstName: 'Cora', lastName: 'Colleague', organizationId: ids.newFirm });
    const patch = (organizationId, body) => api(page, 'PATCH', `/api/contacts/${ids.mover}/organizations/${organizationId}`, body);
    expect((await patch(ids.oldFirm, { title: 'Investment Director', startedOn: dateAgo(2000), endedOn: dateAgo(200) })).status === 200, 'old job ended');
    expect((await patch(ids.newFirm, { title: 'CIO', startedOn: dateAgo(199), isPrimary: true })).status === 200, 'new job');
    const log = (kind, days, contactIds, subject) =>
      created('/api/communications', { kind, occurredAt: daysAgo(days), contactIds, userIds: [ids.me], ...(subject ? { subject } : {}) });
    await log('meeting', 20, [ids.friend], 'Lunch at the AGM');
    await log('email', 12, [ids.friend], 'Fund III deck');
    await log('email', 9, [ids.friend], 'Re: Fund III deck');
    await log('call', 60, [ids.friend, ids.mover], 'Co-invest call');
    await log('email', 30, [ids.mover], 'Hello from the fund');
    await waitFor(async () => {
      const response = await api(page, 'GET', `/api/contacts/${ids.mover}/relationships`);
      return response.body.data?.some((view) => view.kind === 'knows') && response.body.data.some((view) => view.kind === 'met_together');
    }, 'derived relationships appear after the communications are logged');
  });

  test('the contact page shows the works-at history, team strength with evidence, met together, and adds an introduction', async () => {
    await page.goto(`${url}/contacts/${ids.mover}`);
    const panel = page.getByTestId('relationships-contact');
    await panel.waitFor();
    const jobs = panel.getByTestId('works-at-row');
    await jobs.first().waitFor();
    expect((await jobs.count()) === 2, 'two works-at rows: current and past');
    expect((await jobs.first().innerText()).includes('CIO'), 'current job first');
    expect((await jobs.nth(1).innerText()).toLowerCase().includes('past'), 'old job marked past');
    const knows = panel.getByTestId('knows-row').first();
    await knows.waitFor();
    await knows.getByTestId('toggle-evidence').click();
    await knows.getByText('Hello from the fund', { exact: false }).waitFor();
    await panel.getByTestId('met-together-row').getByText('Felix Friend').waitFor();
    const form = panel.getByTestId('introduction-form');
    // Typed as a person types: the searchable select opens its list on the click and searches per keystroke.
    await form.getByLabel('Introduced by').click();
    await form.getByLabel('Introduced by').pressSequentially('Felix');
    await page.getByRole('option', { name: 'Felix Friend' }).click();
    await form.getByLabel('Note').fill('Old classmates');
    await form.getByTestId('add-introduction').click();
    await panel.getByTestId('introduced-by-row').getByText('Old classmates', { exact: false }).waitFor();
    await panel.getByTestId('intro-path-row').first().waitFor();
    await panel.getByTestId('intro-path').scrollIntoViewIfNeeded();
    await shot('contact');
  });

  test('the organization page shows its people current and past and the team strength', async () => {
    await page.goto(`${url}/organizations/${ids.oldFirm}`);
    const panel = page.getByTestId('relationships-organization');
    await panel.waitFor();
    const people = panel.getByTestId('works-at-row');
    await people.first().waitFor();
    expect((await people.first().innerText()).toLowerCase().includes('past'), 'the mover is a past person of the old firm');
    await page.goto(`${url}/organizations/${ids.newFirm}`);
    await page.getByTestId('relationships-organization').getByTestId('knows-row').first().waitFor();
    await page.getByTestId('relationships-organization').getByTestId('intro-path-row').first().waitFor();
    await page.getByTestId('relationships-organization').scrollIntoViewIfNeeded();
    await shot('organization');
  });
}
