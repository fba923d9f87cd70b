// Issue 13, item 2: after `lpdesk import legacy`, a legacy admin signs in with the old password and the
// legacy audit log shows as history (labelled "legacy") in Settings → Activity and on record timelines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from '../lib/harness.mjs';
import { repoRoot } from '../lib/server.mjs';
import { api, screenshot, signIn } from '../lib/session.mjs';

const cli = join(repoRoot, 'packages/cli/bin/lpdesk.js');
const fixture = join(repoRoot, 'packages/core/src/legacy-import/testing/build-legacy-db.ts');

export function register({ page, url, server, screenshotDir }) {
  const shot = (name) => screenshot(page, screenshotDir, `legacy-${name}`);

  test('a legacy admin signs in with the legacy password and sees the legacy audit log as history', async () => {
    const file = join(server.dataDir, 'legacy-crm.db');
    const build = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `const { buildLegacyDatabase } = await import(${JSON.stringify(fixture)}); buildLegacyDatabase(process.argv[1]);`, file],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.equal(build.status, 0, build.stderr);
    const run = spawnSync(process.execPath, [cli, 'import', 'legacy', file, '--data-dir', server.dataDir], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr || run.stdout);
    assert.match(run.stdout, /Created: .*commitment 5/);

    await signIn(page, url, { username: 'alice', password: 'alice-legacy-pass' });
    await page.goto(`${url}/settings/activity`);
    // The import's own entries are newest; the legacy history keeps its old dates: filter to it.
    await page.getByTestId('activity-source').click();
    await page.getByRole('option', { name: 'Legacy history' }).click();
    const table = page.getByTestId('activity-table');
    await table.getByText('legacy', { exact: true }).first().waitFor();
    assert.match(await table.innerText(), /Bob Manager/);
    await shot('activity');

    const record = (await api(page, 'GET', '/api/identity/records?source=legacy.organizations&externalId=o1acme00')).body.data[0];
    await page.goto(`${url}/organizations/${record.entityId}`);
    await page.getByRole('heading', { name: 'Acme Capital' }).first().waitFor();
    await shot('organization');

    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'dark'));
    await page.goto(`${url}/settings/activity`);
    await page.getByTestId('activity-source').click();
    await page.getByRole('option', { name: 'Legacy history' }).click();
    await page.getByTestId('activity-table').getByText('legacy', { exact: true }).first().waitFor();
    await shot('dark-activity');
    await page.evaluate(() => localStorage.setItem('mantine-color-scheme-value', 'light'));
  });
}
