// Identity resolution in the browser (issue 11): two overlapping source records posted through the API
// make a merge suggestion; on /duplicates the admin picks a value from the other side, merges, finds the
// picked value and both source records on the survivor's page ("How this record was built"), undoes the
// merge from Recent merges and gets both records back. Creating a contact with an existing email shows
// "Possible duplicate"; "Not a duplicate" is remembered when the same records arrive again. Light, dark
// and phone screenshots go to e2e/screenshots and /tmp/shots-identity.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

const SHOTS = process.env.E2E_IDENTITY_SHOTS ?? '/tmp/shots-identity';

/** Two records of one person as two sources write her: a grid row and an email sender. */
const MERGE_PAIR = [
  {
    source: 'csv',
    externalId: 'grid-row-17',
    kind: 'person',
    firstName: 'Katherine',
    lastName: 'Moreau',
    emails: ['katherine.moreau@lumen-family.example'],
    organization: 'Lumen Family Office',
    title: 'Chief Investment Officer',
    city: 'Geneva',
  },
  {
    source: 'email',
    externalId: 'sender-katherine-moreau',
    kind: 'person',
    name: 'Katherine Moreau',
    emails: ['k.moreau@mail.example'],
    title: 'Trustee',
    city: 'Geneva',
  },
];

/** A second pair, for "Not a duplicate": the same name in the same city, nothing else in common. */
const REJECT_PAIR = [
  {
    source: 'csv',
    externalId: 'grid-row-90',
    kind: 'person',
    firstName: 'Jonathan',
    lastName: 'Reyes',
    emails: ['jreyes@harbor-pension.example'],
    city: 'Boston',
  },
  { source: 'legacy', externalId: 'legacy-4411', kind: 'person', name: 'Jonathan Reyes', emails: ['jon.reyes@mail.example'], city: 'Boston' },
];

export function register({ page, url, admin, screenshotDir }) {
  mkdirSync(SHOTS, { recursive: true });
  const shot = async (name) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(screenshotDir, `e2e-identity-${name}.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const openSuggestionBetween = async (labels) => {
    const body = await admin.call('GET', '/api/identity/suggestions?status=open&entityType=contact&limit=500');
    return body.data.find((s) => labels.every((l) => [s.a.label, s.b.label].some((x) => x.includes(l))));
  };
  const waitForSuggestion = async (labels) => {
    let found;
    await waitFor(
      async () => {
        found = await openSuggestionBetween(labels);
        return found !== undefined;
      },
      `a suggestion between ${labels.join(' and ')}`,
    );
    return found;
  };
  let suggestion = null;
  let picked = null;

  test('sign in', () => signIn(page, url, admin));

  test('two overlapping source records become a merge suggestion', async () => {
    const posted = await admin.call('POST', '/api/identity/records', { records: MERGE_PAIR });
    expect(posted.data.length === 2, `two resolutions: ${JSON.stringify(posted)}`);
    expect(posted.data[0].entityId !== posted.data[1].entityId, `not merged automatically: ${JSON.stringify(posted.data)}`);
    suggestion = await waitForSuggestion(['Moreau']);
  });

  test('the contacts list links to the queue with the open count', async () => {
    await page.goto(`${url}/contacts`);
    const button = page.getByTestId('duplicates-contact');
    await button.waitFor();
    await page.getByTestId('duplicates-count').waitFor();
    await button.click();
    await page.waitForURL(/\/duplicates\?entityType=contact/);
  });

  test('pick a value from the other side and merge', async () => {
    const row = page.getByTestId('suggestion-row').filter({ hasText: 'Moreau' }).first();
    await row.click();
    const pane = page.getByTestId('merge-pane');
    await pane.waitFor();
    await pane.getByTestId('identity-evidence').waitFor();
    await shot('queue-light');
    // The first differing field whose right-hand (merged) value is not picked yet: take that one.
    const radios = pane.locator('input[type="radio"][data-testid$="-b"]:not(:checked)');
    expect((await radios.count()) > 0, 'a differing field to pick');
    const radio = radios.first();
    const testId = await radio.getAttribute('data-testid');
    picked = {
      field: testId.replace(/^pick-/, '').replace(/-b$/, ''),
      value: (await pane.locator(`label[for="${await radio.getAttribute('id')}"]`).innerText()).trim(),
    };
    await radio.check();
    await page.getByTestId('merge-confirm').click();
    await page.getByTestId('merge-notification').waitFor();
    await shot('merged-notification');
  });

  test("the survivor's page shows the picked value and both records in How", async () => {
    await page.goto(`${url}/contacts/${suggestion.a.entityId}`);
    const panel = page.getByTestId('identity-panel');
    await panel.waitFor();
    await waitFor(async () => (await panel.getByTestId('how-record').count()) >= 2, 'both source records in How');
    const detail = await page.getByTestId('contact-detail').innerText();
    expect(picked.value === '—' || detail.includes(picked.value.split(',')[0].trim()), `the picked ${picked.field} “${picked.value}” shows on the survivor`);
    await panel.scrollIntoViewIfNeeded();
    await shot('how-panel');
    const merged = await api(page, 'GET', `/api/contacts/${suggestion.b.entityId}`);
    expect(merged.status === 404 || merged.body?.data?.deletedAt, `the merged contact is gone: ${merged.status}`);
  });

  test('undo from Recent merges brings both records back', async () => {
    await page.goto(`${url}/duplicates?tab=merges`);
    const row = page.getByTestId('merge-row').filter({ hasText: 'Moreau' }).first();
    await row.waitFor();
    await shot('merges-light');
    await row.getByTestId('merge-undo').click();
    await page.locator('[data-testid="merge-row"][data-undone="true"]').filter({ hasText: 'Moreau' }).first().waitFor();
    const back = await api(page, 'GET', `/api/contacts/${suggestion.b.entityId}`);
    expect(back.status === 200 && !back.body.data.deletedAt, `the merged contact is back: ${back.status}`);
    const how = await api(page, 'GET', `/api/identity/entities/${suggestion.a.entityId}/how`);
    const records = (how.body.data ?? how.body).records;
    expect(records.length === 1, `the survivor holds its own record again: ${records.length}`);
    await page.goto(`${url}/contacts/${suggestion.b.entityId}`);
    await page.getByTestId('identity-panel').getByTestId('how-record').first().waitFor();
  });

  test('creating a contact with an existing email or name warns "Possible duplicate" and can still create', async () => {
    await page.goto(`${url}/contacts`);
    await page.getByTestId('new-contact').click();
    await page.getByLabel('Last name').fill('Moreau');
    const emails = page.getByTestId('contact-emails');
    await emails.fill('katherine.moreau@lumen-family.example');
    await emails.press('Enter');
    const warning = page.getByTestId('possible-duplicate');
    await warning.waitFor();
    expect((await warning.innerText()).includes('Katherine Moreau'), 'the warning names the existing contact');
    await shot('possible-duplicate');
    // An email belongs to one contact (the server says so); the same name in another firm is allowed.
    await emails.press('Backspace');
    await page.getByLabel('First name').fill('Katherine');
    await page.getByLabel('Title').fill('Board member');
    await warning.waitFor();
    await page.getByTestId('save-contact').click();
    await page.getByTestId('contact-form').waitFor({ state: 'detached' });
  });

  test('"Not a duplicate" is remembered', async () => {
    await admin.call('POST', '/api/identity/records', { records: REJECT_PAIR });
    const pair = await waitForSuggestion(['Reyes']);
    await page.goto(`${url}/duplicates?entityType=contact&suggestion=${pair.id}`);
    await page.getByTestId('merge-reject').click();
    await waitFor(async () => (await openSuggestionBetween(['Reyes'])) === undefined, 'the suggestion leaves the queue');
    // The same records arrive again (an import re-run): no new suggestion.
    await admin.call('POST', '/api/identity/records', { records: REJECT_PAIR });
    await admin.call('POST', '/api/identity/scan', {}).catch(() => null);
    expect((await openSuggestionBetween(['Reyes'])) === undefined, 'a rejected pair is not suggested again');
    const rejected = await admin.call('GET', '/api/identity/suggestions?status=rejected&entityType=contact');
    expect(
      rejected.data.some((s) => s.id === pair.id),
      'the rejection is listed',
    );
  });

  test('"Merge with…" on a record page opens the side by side and lands on the survivor', async () => {
    const reyes = (await admin.call('GET', '/api/contacts?q=Reyes&limit=10')).data.map((c) => c.id);
    expect(reyes.length === 2, `two Jonathan Reyes contacts: ${reyes.length}`);
    await page.goto(`${url}/contacts/${reyes[0]}`);
    await page.getByTestId('merge-with').click();
    const picker = page.getByTestId('merge-with-picker');
    await picker.fill('Reyes');
    const options = page.getByRole('option', { name: 'Jonathan Reyes' });
    await options.nth(1).waitFor();
    await options.first().click();
    if (await page.getByTestId('merge-with-compare').isDisabled()) {
      await picker.click();
      await options.nth(1).click();
    }
    await page.getByTestId('merge-with-compare').click();
    await page.waitForURL(/\/duplicates\/compare\?a=/);
    await page.getByTestId('merge-pane').getByTestId('identity-evidence').waitFor();
    await page.getByTestId('merge-confirm').click();
    await page.waitForURL(new RegExp(`/contacts/${reyes[0]}$`));
    await page.getByTestId('merge-notification').waitFor();
    await page.getByTestId('merge-notification-undo').click();
    await waitFor(
      async () => (await api(page, 'GET', `/api/contacts/${reyes[1]}`)).status === 200,
      'the undo from the notification brings the other Reyes back',
    );
  });

  test('dark theme and a phone', async () => {
    await admin.call('POST', '/api/identity/records', { records: MERGE_PAIR.map((r) => ({ ...r, externalId: `${r.externalId}-again` })) }).catch(() => null);
    await page.goto(`${url}/duplicates`);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('tab-merges').click();
    await page.getByTestId('recent-merges').waitFor();
    await shot('merges-dark');
    await page.goto(`${url}/contacts/${suggestion.a.entityId}`);
    await page.getByTestId('identity-panel').scrollIntoViewIfNeeded();
    await shot('how-panel-dark');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/duplicates?tab=merges`);
    await page.getByTestId('recent-merges').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `no sideways scroll on a phone: ${overflow}px`);
    await shot('merges-mobile');
    await page.goto(`${url}/duplicates/compare?a=${suggestion.a.entityId}&b=${suggestion.b.entityId}`);
    await page.getByTestId('merge-pane').waitFor();
    await shot('compare-mobile');
    await page
      .getByTestId('user-menu')
      .click()
      .catch(() => null);
    await page.setViewportSize({ width: 1440, height: 900 });
  });
}
