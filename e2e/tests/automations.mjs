// Automations: Avery enables the shipped Graveyard example with its switch, a commitment moved to
// declined through the API gets the "graveyard" tag on its own, and the rule's Runs tab shows what it
// did; then a rule made through the form, and a dry run of it. Light and dark pictures.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

export function register({ page, url, admin, screenshotDir }) {
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `e2e-automations-${name}.png`) });
  };
  const row = (name) => page.getByTestId(`automation-row-${name}`);
  let commitmentId = null;

  test('the shipped examples are listed, disabled; enabling Graveyard tags a declined commitment', async () => {
    const org = (await admin.call('POST', '/api/organizations', { name: 'Harbor Pension Trust', kind: 'pension' })).data;
    await admin.call('POST', '/api/organizations', { name: 'Quiet Family Office', kind: 'family_office' });
    const fund = (await admin.call('POST', '/api/funds', { name: 'Fund IV' })).data;
    commitmentId = (await admin.call('POST', '/api/commitments', { organizationId: org.id, fundId: fund.id, stage: 'meeting' })).data.id;
    await signIn(page, url, admin);
    await page.goto(`${url}/settings/automations`);
    await row('Graveyard').waitFor();
    for (const name of ['Graveyard', 'Follow-up', 'Everyone']) {
      expect(!(await row(name).getByTestId('automation-switch').isChecked()), `${name} ships disabled`);
    }
    await shot('list');
    await row('Graveyard').getByTestId('automation-switch').click({ force: true });
    await waitFor(async () => (await admin.call('GET', '/api/automations')).data.find((r) => r.name === 'Graveyard').enabled, 'Graveyard is enabled');

    await admin.call('POST', `/api/commitments/${commitmentId}/stage`, { stage: 'declined', reason: 'Allocation full' });
    await waitFor(
      async () => (await admin.call('GET', `/api/commitments/${commitmentId}`)).data.tags.some((t) => t.name === 'graveyard'),
      'the declined commitment is tagged graveyard',
    );

    await row('Graveyard').getByTestId('automation-runs').click();
    const runs = page.getByTestId('runs-table');
    await runs.waitFor();
    await runs.getByText('added tag "graveyard"').waitFor();
    expect((await runs.getByText('applied').count()) === 1, 'one applied run');
    await shot('runs');
    await page.keyboard.press('Escape');
  });

  test('a rule made through the form, and its dry run', async () => {
    await page.getByTestId('new-automation').click();
    const form = page.getByTestId('automation-form');
    await page.getByTestId('automation-name').fill('Pensions get a tag');
    await page.getByTestId('automation-trigger').click();
    await page.getByRole('option', { name: 'On a schedule' }).click();
    await page.getByTestId('automation-cron').fill('0 9 * * 1');
    await page.getByTestId('add-condition').click();
    const condition = page.getByTestId('automation-condition').first();
    await condition.getByPlaceholder('field').fill('kind');
    await condition.getByPlaceholder('value').fill('pension');
    await page.getByTestId('action-tag').fill('pensions');
    await shot('form');
    await page.getByTestId('save-automation').click();
    await form.waitFor({ state: 'hidden' });
    const rule = (await admin.call('GET', '/api/automations')).data.find((r) => r.name === 'Pensions get a tag');
    expect(rule?.trigger.cron === '0 9 * * 1' && rule.condition.conditions[0].value === 'pension', `saved as typed: ${JSON.stringify(rule)}`);
    expect(rule.actions[0].type === 'add_tag' && rule.actions[0].tag === 'pensions', 'the action');

    await row('Pensions get a tag').getByTestId('automation-dry-run').click();
    const result = page.getByTestId('dry-run-result');
    await result.waitFor();
    await result.getByText('Harbor Pension Trust').waitFor();
    expect((await result.getByText('Quiet Family Office').count()) === 0, 'only pensions match');
    await result.getByText('added tag "pensions"').waitFor();
    await shot('dry-run');
    await page.keyboard.press('Escape');
  });

  test('bad input is answered in the form', async () => {
    await page.getByTestId('new-automation').click();
    await page.getByTestId('automation-name').fill('Broken');
    await page.getByTestId('automation-trigger').click();
    await page.getByRole('option', { name: 'On a schedule' }).click();
    await page.getByTestId('automation-cron').fill('0 25 * * *');
    await page.getByTestId('action-tag').fill('x');
    await page.getByTestId('save-automation').click();
    await page
      .getByTestId('automation-error')
      .getByText(/hour 25/)
      .waitFor();
    await page.keyboard.press('Escape');
  });

  test('dark theme', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
    await row('Graveyard').waitFor();
    await shot('list-dark');
    await row('Graveyard').getByTestId('automation-runs').click();
    await page.getByTestId('runs-table').waitFor();
    await shot('runs-dark');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
  });
}
