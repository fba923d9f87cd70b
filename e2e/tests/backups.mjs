// Backups in the browser (issue 13, item 4): Settings → Backups on the demo fund with an encryption key.
// The schedule form saves; "Back up now" adds an encrypted manual backup; Verify reports every check; an
// organization added afterwards shows in the restore preview (now vs in the backup); after a typed
// confirmation the restore brings the backup's data back, and a pre-restore backup joins the history.
// Screenshots: e2e/screenshots/backups-*.png (light, dark, 360 px).
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true, env: { LPDESK_BACKUP_KEY: 'e2e backup key that is long enough for the check' } };

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name, options = {}) => page.screenshot({ path: join(screenshotDir, `backups-${name}.png`), ...options });
  const manualRow = () => page.getByTestId('backup-row').filter({ hasText: 'Manual' });
  const organizationCount = async () => (await api(page, 'GET', '/api/organizations?limit=1')).body.total;
  let before = 0;

  test('Settings → Backups: the schedule and retention save', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    await page.goto(`${url}/settings/backups`);
    await page.getByTestId('backups-settings').waitFor();
    expect((await page.getByTestId('backup-encryption').innerText()).includes('Encrypted'), 'the key is configured: new backups are encrypted');
    await page.getByTestId('backup-time').fill('03:30');
    await page.getByTestId('backup-keepWeekly').fill('6');
    await page.getByTestId('backup-settings-save').click();
    await waitFor(async () => {
      const settings = (await api(page, 'GET', '/api/backup-settings')).body.data;
      return settings.time === '03:30' && settings.keepWeekly === 6;
    }, 'the settings are saved');
  });

  test('Back up now, then Verify: every check passes', async () => {
    before = await organizationCount();
    await page.getByTestId('backup-now').click();
    await manualRow().first().waitFor();
    expect((await manualRow().first().getByTestId('backup-status').innerText()).trim().toLowerCase() === 'ok', 'the backup is ok');
    await manualRow().first().getByTestId('backup-verify').click();
    const result = page.getByTestId('backup-verify-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text.includes('decrypt') && text.includes('integrity') && text.includes('counts') && !text.includes('failed'), `all checks pass: ${text}`);
    await shot('verify');
    await page.keyboard.press('Escape');
    await result.waitFor({ state: 'detached' });
    await shot('history', { fullPage: true });
  });

  test('data changes, the restore preview shows it, and the restore brings the backup back', async () => {
    const added = await api(page, 'POST', '/api/organizations', { name: 'Added After The Backup LP', kind: 'family_office' });
    expect(added.status === 201, `created: ${added.status}`);
    expect((await organizationCount()) === before + 1, 'one more organization');
    await manualRow().first().getByTestId('backup-restore').click();
    const modal = page.getByTestId('backup-restore-modal');
    await modal.getByTestId('preview-organizations').waitFor();
    const cells = await modal.getByTestId('preview-organizations').locator('td').allInnerTexts();
    expect(
      cells[1]?.trim() === String(before + 1) && cells[2]?.trim() === String(before),
      `organizations now ${before + 1}, in the backup ${before}: ${cells.join(' | ')}`,
    );
    expect(await modal.getByTestId('backup-restore-confirm').isDisabled(), 'Restore waits for the typed confirmation');
    await modal.getByTestId('backup-restore-confirm-text').fill('restore');
    await shot('restore-preview');
    await modal.getByTestId('backup-restore-confirm').click();
    await modal.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await organizationCount()) === before, 'the organization added after the backup is gone');
    const history = (await api(page, 'GET', '/api/backups')).body.data;
    expect(
      history.some((row) => row.kind === 'pre_restore' && row.encrypted),
      'an encrypted pre-restore backup was taken first',
    );
    await page.getByTestId('backup-row').filter({ hasText: 'Pre restore' }).first().waitFor();
    const activity = (await api(page, 'GET', '/api/activity?limit=20')).body.data ?? [];
    expect(
      activity.some((entry) => entry.action === 'backup.restored'),
      'the restore is in the activity log',
    );
  });

  test('dark theme and a 360 px phone: no sideways scroll', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
    await shot('settings-dark', { fullPage: true });
    await manualRow().first().getByTestId('backup-restore').click();
    await page.getByTestId('backup-restore-modal').getByTestId('preview-organizations').or(page.getByTestId('backup-preview-table')).first().waitFor();
    await shot('restore-preview-dark');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${url}/settings/backups`);
    await page.getByTestId('backup-row').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `no sideways scroll at 360 px (${overflow}px)`);
    await shot('settings-mobile', { fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
}
