// Screenshots of every screen in light and dark themes with the demo data: `node e2e/screenshots.mjs`.
// Output goes to e2e/screenshots/ (gitignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { ensureWebBuild, repoRoot, seedDemo, setupAdmin, startServer } from './lib/server.mjs';

const out = join(repoRoot, 'e2e/screenshots');
mkdirSync(out, { recursive: true });
ensureWebBuild();
const server = await startServer();
const admin = await setupAdmin(server.url);
seedDemo(server.dataDir);

const only = process.argv[2] ? process.argv[2].split(',') : null;
const screens = [
  { name: 'dashboard', path: '/' },
  { name: 'pipeline', path: '/pipeline' },
  { name: 'contacts', path: '/contacts' },
  { name: 'organizations', path: '/organizations' },
  { name: 'communications', path: '/communications' },
  { name: 'lp-tracker', path: '/lp-tracker' },
  { name: 'tasks', path: '/tasks?' },
  { name: 'settings-profile', path: '/settings/profile' },
  { name: 'settings-users', path: '/settings/users' },
  { name: 'settings-tags', path: '/settings/tags' },
  { name: 'settings-custom-fields', path: '/settings/custom-fields' },
  { name: 'settings-api-keys', path: '/settings/api-keys' },
  { name: 'settings-trash', path: '/settings/trash' },
  { name: 'settings-activity', path: '/settings/activity' },
  { name: 'settings-jobs', path: '/settings/jobs' },
].filter((s) => !only || only.includes(s.name) || only.includes('detail') || only.includes('all'));

try {
  for (const scheme of ['light', 'dark']) {
    const { context, close } = await launchBrowser({ colorScheme: scheme });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
    await page.screenshot({ path: join(out, `${scheme}-login.png`) });
    await page.getByRole('textbox', { name: 'Username' }).fill(admin.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    for (const screen of screens) {
      await page.goto(server.url + screen.path);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${scheme}-${screen.name}.png`) });
    }
    if (!only || only.includes('detail') || only.includes('all')) {
      await page.goto(`${server.url}/contacts`);
      await page.getByTestId('grid-row').first().click();
      await page.getByTestId('contact-detail').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, `${scheme}-contact-drawer.png`) });
      await page.getByRole('link', { name: 'Open full page' }).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${scheme}-contact-page.png`) });
      await page.goto(`${server.url}/organizations`);
      await page.getByTestId('grid-row').first().click();
      await page.getByTestId('organization-detail').waitFor();
      await page.getByRole('link', { name: 'Open full page' }).click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${scheme}-organization-page.png`), fullPage: true });
      await page.goto(`${server.url}/pipeline`);
      await page.getByTestId('kanban-card').first().click();
      await page.getByTestId('quick-view').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, `${scheme}-pipeline-quick-view.png`) });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.type('ha');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, `${scheme}-command-palette.png`) });
      await page.keyboard.press('Escape');
      await page.goto(`${server.url}/contacts`);
      await page.getByTestId('new-contact').click();
      await page.getByTestId('save-contact').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, `${scheme}-contact-form-errors.png`) });
      await page.keyboard.press('Escape');
      await page.goto(`${server.url}/communications`);
      await page.getByTestId('new-communication').click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(out, `${scheme}-communication-form.png`) });
    }
    await close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await server.stop();
  server.cleanup();
}
