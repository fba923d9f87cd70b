// Screenshots of every screen with the demo data, at several widths, in light and dark themes:
//   node e2e/screenshots.mjs [screens] [--widths 360,768,1280,1920] [--schemes light,dark]
// `screens` is a comma list of names below (or `detail` for drawers, forms and the palette; default all).
// Files: e2e/screenshots/<scheme>-<width>-<screen>.png (gitignored). Ends with a list of screens that
// scroll sideways (document wider than the viewport), which should be empty.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from './lib/browser.mjs';
import { ensureWebBuild, repoRoot, seedDemo, setupAdmin, startServer } from './lib/server.mjs';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { widths: { type: 'string', default: '360,768,1280,1920' }, schemes: { type: 'string', default: 'light,dark' } },
});
const widths = options.widths.split(',').map(Number);
const schemes = options.schemes.split(',');
/** A phone held upright, a tablet, a laptop and a desktop monitor. */
const HEIGHTS = { 360: 740, 768: 1024, 1280: 800, 1920: 1080 };
const COMPACT_BELOW = 768;

const out = join(repoRoot, 'e2e/screenshots');
mkdirSync(out, { recursive: true });
ensureWebBuild();
const server = await startServer();
const admin = await setupAdmin(server.url);
seedDemo(server.dataDir);

const only = positionals[0] ? positionals[0].split(',') : null;
const wanted = (name) => !only || only.includes(name) || only.includes('all');
const screens = [
  { name: 'dashboard', path: '/' },
  { name: 'pipeline', path: '/pipeline' },
  { name: 'contacts', path: '/contacts' },
  { name: 'organizations', path: '/organizations' },
  { name: 'communications', path: '/communications' },
  { name: 'search', path: '/search?q=DDQ' },
  { name: 'lp-tracker', path: '/lp-tracker' },
  { name: 'tasks', path: '/tasks?' },
  { name: 'reports-fund-progress', path: '/reports/fund-progress' },
  { name: 'reports-pipeline', path: '/reports/pipeline' },
  { name: 'reports-conversion', path: '/reports/conversion' },
  { name: 'reports-lp-breakdown', path: '/reports/lp-breakdown' },
  { name: 'reports-reups', path: '/reports/reups' },
  { name: 'reports-activity', path: '/reports/activity' },
  // The demo's largest LP; its id is looked up once signed in.
  { name: 'tear-sheet', path: async (page) => `/organizations/${await organizationId(page, 'Summit Fund of Funds')}/tear-sheet` },
  { name: 'settings-profile', path: '/settings/profile' },
  { name: 'settings-users', path: '/settings/users' },
  { name: 'settings-tags', path: '/settings/tags' },
  { name: 'settings-custom-fields', path: '/settings/custom-fields' },
  { name: 'settings-email', path: '/settings/email' },
  { name: 'settings-api-keys', path: '/settings/api-keys' },
  { name: 'settings-trash', path: '/settings/trash' },
  { name: 'settings-activity', path: '/settings/activity' },
  { name: 'settings-jobs', path: '/settings/jobs' },
].filter((s) => wanted(s.name));

const overflowing = [];

/** An organization's id by name, through the API with the page's session. */
async function organizationId(page, name) {
  return page.evaluate(async (q) => (await (await fetch(`/api/organizations?q=${encodeURIComponent(q)}&limit=1`)).json()).data[0]?.id, name);
}

/** Save one screenshot and note whether the page scrolls sideways at this width. */
async function shoot(page, file, { fullPage = false } = {}) {
  const extra = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (extra > 0) overflowing.push(`${file} (+${extra}px)`);
  await page.screenshot({ path: join(out, `${file}.png`), fullPage });
}

async function settle(page, ms = 400) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(ms);
}

/** A record in a list: a grid row on wide screens, a card on phones. */
const firstRecord = (page) => page.locator('[data-testid="grid-row"], [data-testid="record-card"]').first();

async function details(page, prefix, width) {
  await page.goto(`${server.url}/contacts`);
  await firstRecord(page).click();
  await page.getByTestId('contact-detail').waitFor();
  await page.waitForTimeout(500);
  await shoot(page, `${prefix}-contact-drawer`);
  await page.getByRole('link', { name: 'Open full page' }).click();
  await settle(page);
  await shoot(page, `${prefix}-contact-page`);
  await page.goto(`${server.url}/organizations`);
  await firstRecord(page).click();
  await page.getByTestId('organization-detail').waitFor();
  await page.getByRole('link', { name: 'Open full page' }).click();
  await settle(page);
  await shoot(page, `${prefix}-organization-page`, { fullPage: true });
  await page.goto(`${server.url}/pipeline`);
  await page.getByTestId('kanban-card').first().click();
  await page.getByTestId('quick-view').waitFor();
  await page.waitForTimeout(300);
  await shoot(page, `${prefix}-pipeline-quick-view`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+K');
  await page.getByTestId('palette-input').fill('ha');
  await page.waitForTimeout(800);
  await shoot(page, `${prefix}-command-palette`);
  await page.keyboard.press('Escape');
  await page.goto(`${server.url}/contacts`);
  await page.getByTestId('new-contact').click();
  await page.getByTestId('save-contact').click();
  await page.waitForTimeout(300);
  await shoot(page, `${prefix}-contact-form-errors`);
  await page.keyboard.press('Escape');
  await page.goto(`${server.url}/communications`);
  await page.getByTestId('new-communication').click();
  await page.waitForTimeout(400);
  await shoot(page, `${prefix}-communication-form`);
  await page.keyboard.press('Escape');
  if (width < COMPACT_BELOW) {
    await page.goto(`${server.url}/contacts`);
    await page.getByTestId('nav-burger').click();
    await page.waitForTimeout(400);
    await shoot(page, `${prefix}-navigation-open`);
  }
}

try {
  for (const scheme of schemes) {
    const { context, close } = await launchBrowser({ colorScheme: scheme, viewport: { width: widths[0], height: HEIGHTS[widths[0]] ?? 900 } });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.evaluate((s) => localStorage.setItem('mantine-color-scheme-value', s), scheme);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    for (const width of widths) {
      await page.setViewportSize({ width, height: HEIGHTS[width] ?? 900 });
      await shoot(page, `${scheme}-${width}-login`);
    }
    await page.getByRole('textbox', { name: 'Username' }).fill(admin.username);
    await page.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'attached' });
    for (const width of widths) {
      await page.setViewportSize({ width, height: HEIGHTS[width] ?? 900 });
      for (const screen of screens) {
        await page.goto(server.url + (typeof screen.path === 'function' ? await screen.path(page) : screen.path));
        await settle(page);
        // Phones scroll the whole page: keep all of it, so what is below the fold gets looked at too.
        await shoot(page, `${scheme}-${width}-${screen.name}`, { fullPage: width < COMPACT_BELOW });
      }
      if (wanted('detail')) await details(page, `${scheme}-${width}`, width);
    }
    await close();
  }
  console.log(`screenshots in ${out}`);
  if (overflowing.length > 0) console.log(`scrolls sideways:\n  ${overflowing.join('\n  ')}`);
  else console.log('no screen scrolls sideways');
} finally {
  await server.stop();
  server.cleanup();
}
