// Phone-sized LP Desk (issue 9, item 4): at 360 px the navigation hides behind a burger and closes after
// navigating, no screen scrolls sideways, lists are cards, forms take the whole screen and save; at 768
// and 1280 px the sidebar is back and lists are grids. Also: a first load logs no console error (the
// signed-out session probe answers 200, not 401).
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true, browser: { viewport: { width: 360, height: 740 } } };

const PHONE = { width: 360, height: 740 };

const ROUTES = [
  '/',
  '/pipeline',
  '/contacts',
  '/organizations',
  '/communications',
  '/lp-tracker',
  '/tasks',
  '/settings/profile',
  '/settings/users',
  '/settings/tags',
  '/settings/custom-fields',
  '/settings/email',
  '/settings/api-keys',
  '/settings/trash',
  '/settings/activity',
  '/settings/jobs',
];

/** How far the page scrolls sideways (0 when it fits the viewport). */
const sidewaysOverflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

export function register({ page, url, admin }) {
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const burger = () => page.getByTestId('nav-burger');
  /** The navbar is on screen when its right edge is inside the viewport (it slides in from the left). */
  const navOnScreen = async () => {
    const box = await nav().boundingBox();
    return box !== null && box.x + box.width > 1;
  };
  const waitForNav = (open) => waitFor(async () => (await navOnScreen()) === open, `navigation should be ${open ? 'open' : 'closed'}`);
  const go = async (path) => {
    await page.goto(url + path);
    await page.getByRole('main').waitFor();
    await page.waitForLoadState('networkidle');
  };

  test('a first load, signed out and signed in, logs no console error', async () => {
    const failures = [];
    const onResponse = (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`);
    page.on('response', onResponse);
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(consoleErrors.length === 0, `signed-out first load logged: ${consoleErrors.join(' | ')}`);
    expect(failures.length === 0, `signed-out first load got error responses: ${failures.join(', ')}`);
    await signIn(page, url, admin);
    await page.reload();
    await page.getByRole('main').waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    expect(consoleErrors.length === 0, `signed-in load logged: ${consoleErrors.join(' | ')}`);
    expect(failures.length === 0, `signed-in load got error responses: ${failures.join(', ')}`);
  });

  test('at 360 px the burger opens and closes the navigation, and navigating closes it', async () => {
    await go('/');
    expect(!(await navOnScreen()), 'navigation starts closed on a phone');
    await burger().click();
    await waitForNav(true);
    await nav().getByRole('link', { name: 'Organizations' }).click();
    await page.waitForURL(/\/organizations$/);
    await waitForNav(false);
    await burger().click();
    await waitForNav(true);
    await burger().click();
    await waitForNav(false);
    // A tap on the dimmed page beside the panel closes it too, and so does Escape.
    await burger().click();
    await waitForNav(true);
    await page.mouse.click(PHONE.width - 10, PHONE.height / 2);
    await waitForNav(false);
    await burger().click();
    await waitForNav(true);
    await page.keyboard.press('Escape');
    await waitForNav(false);
  });

  test('at 360 px no screen scrolls sideways', async () => {
    const wide = [];
    for (const path of ROUTES) {
      await go(path);
      await page.waitForTimeout(200);
      const extra = await sidewaysOverflow(page);
      if (extra > 0) wide.push(`${path} (+${extra}px)`);
    }
    expect(wide.length === 0, `these screens scroll sideways at 360 px: ${wide.join(', ')}`);
  });

  test('at 360 px lists are cards and a card opens its record across the whole width', async () => {
    for (const path of ['/contacts', '/organizations']) {
      await go(path);
      await page.getByTestId('record-card').first().waitFor();
      expect((await page.getByTestId('grid-row').count()) === 0, `${path} shows grid rows on a phone`);
    }
    await go('/contacts');
    await page.getByTestId('record-card').filter({ hasText: 'Ben Adler' }).click();
    await page.getByTestId('contact-detail').waitFor();
    await page.waitForTimeout(400);
    const drawer = await page.getByRole('dialog').boundingBox();
    expect(drawer && drawer.width >= PHONE.width - 1, `the detail drawer is ${drawer?.width}px wide on a ${PHONE.width}px screen`);
    expect((await sidewaysOverflow(page)) <= 0, 'the open drawer scrolls sideways');
  });

  test('at 360 px a form opens full screen and saves', async () => {
    await go('/contacts');
    await page.getByTestId('new-contact').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'First name' }).waitFor();
    await page.waitForTimeout(300);
    const box = await page.locator('.mantine-Modal-content').boundingBox();
    expect(box && box.width >= PHONE.width - 1 && box.height >= PHONE.height - 1, `the form is ${box?.width}×${box?.height}, not full screen`);
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Pocket');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Phoneson');
    await page.getByTestId('save-contact').scrollIntoViewIfNeeded();
    await page.getByTestId('save-contact').click();
    await page.getByTestId('record-card').filter({ hasText: 'Pocket Phoneson' }).waitFor();
    const found = await api(page, 'GET', '/api/contacts?q=Phoneson');
    expect(found.body.data.length === 1, 'the contact was saved');
  });

  test('at 360 px the command palette fits the screen', async () => {
    await go('/');
    await page.getByRole('button', { name: 'Search contacts and organizations' }).first().click();
    const search = page.getByTestId('palette-input');
    await search.waitFor();
    await search.fill('Ben');
    await page.getByTestId('palette-result').first().waitFor();
    const box = await page.locator('.mantine-Spotlight-content').boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the palette spans ${box?.x}..${box && box.x + box.width}`);
    await page.keyboard.press('Escape');
  });

  test('at 768 px the sidebar stays, lists are grids and nothing scrolls sideways', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await go('/contacts');
    expect(await navOnScreen(), 'the sidebar is visible at 768 px');
    expect(!(await burger().isVisible()), 'no burger at 768 px');
    await page.getByTestId('grid-row').first().waitFor();
    expect((await page.getByTestId('record-card').count()) === 0, 'cards at 768 px');
    for (const path of ['/', '/pipeline', '/contacts', '/lp-tracker', '/settings/profile']) {
      await go(path);
      const extra = await sidewaysOverflow(page);
      expect(extra <= 0, `${path} scrolls sideways by ${extra}px at 768 px`);
    }
  });

  test('at 1280 px the layout is the desktop one: sidebar, grid, centred modals', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await go('/contacts');
    expect(await navOnScreen(), 'the sidebar is visible at 1280 px');
    const navBox = await nav().boundingBox();
    expect(navBox.width < 300, `the sidebar is ${navBox.width}px wide`);
    await page.getByTestId('grid-row').first().waitFor();
    await page.getByTestId('new-contact').click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'First name' }).waitFor();
    await page.waitForTimeout(300);
    const box = await page.locator('.mantine-Modal-content').boundingBox();
    expect(box && box.width < 1000, `the form is ${box?.width}px wide at 1280 px: it should be a centred box`);
    await page.keyboard.press('Escape');
    expect((await sidewaysOverflow(page)) <= 0, 'contacts scroll sideways at 1280 px');
    expect(consoleErrors.length === 0, `console errors during the suite: ${consoleErrors.join(' | ')}`);
  });
}
