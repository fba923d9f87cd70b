// Issue 14, item 5: the Search screen and the palette's passages. A call logged through the API is found
// from the Search screen by a word of its body (grouped under its investor, the word marked), opened from
// there and from the palette, and a filtered search is a link that reproduces itself.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: false };

/** Words no other text holds: one in the call's body, one in the investor's description. */
const WORD = 'hydroponics';
const DESCRIPTION_WORD = 'permaculture';

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `search-${name}.png`), fullPage: true });
  const ids = {};
  const openPalette = async () => {
    // The palette is a lazy chunk: a Ctrl+K pressed before it has mounted is lost; press again.
    const input = page.getByTestId('palette-input');
    for (let attempt = 0; attempt < 5 && !(await input.isVisible()); attempt += 1) {
      await page.keyboard.press('Control+k');
      await input.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await input.waitFor();
    return input;
  };

  test('a call about an investor is logged and indexed', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, url, admin);
    const org = await api(page, 'POST', '/api/organizations', {
      name: 'Quillfeather Capital',
      kind: 'family_office',
      description: `Prefers managers with a ${DESCRIPTION_WORD} thesis.`,
    });
    expect(org.status === 201, `organization: ${JSON.stringify(org.body)}`);
    ids.org = org.body.data.id;
    const contact = await api(page, 'POST', '/api/contacts', { firstName: 'Imogen', lastName: 'Marsh', organizationId: ids.org });
    expect(contact.status === 201, `contact: ${JSON.stringify(contact.body)}`);
    const call = await api(page, 'POST', '/api/communications', {
      kind: 'call',
      occurredAt: '2026-02-10T15:00:00Z',
      subject: 'Committee concerns',
      body: `Imogen said the investment committee worries about ${WORD} exposure and wants more detail on the GP commitment.`,
      organizationIds: [ids.org],
      contactIds: [contact.body.data.id],
    });
    expect(call.status === 201, `communication: ${JSON.stringify(call.body)}`);
    ids.call = call.body.data.id;
    await waitFor(async () => (await api(page, 'GET', '/api/search/status')).body?.pending === 0, 'the index did not catch up', 30_000);
  });

  test('the Search screen finds it by a word of its body, under its investor, and opens it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    const input = page.getByTestId('search-input');
    await input.waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await input.evaluate((element) => element === document.activeElement), '/ focuses the query box');
    await page.keyboard.type(WORD);
    await page.waitForURL(`**/search?q=${WORD}`);
    const hit = page.getByTestId('search-hit').filter({ hasText: 'Committee concerns' });
    await hit.waitFor();
    const group = page.getByTestId('search-group').filter({ has: hit });
    expect((await group.getByTestId('search-group-label').textContent()) === 'Quillfeather Capital', 'grouped under the investor');
    expect((await hit.locator('mark').first().textContent()).toLowerCase() === WORD, 'the word is marked');
    expect((await hit.textContent()).includes('Feb 10, 2026'), 'shows when it was said');
    await shot('screen');
    await hit.click();
    await page.waitForURL(`**/communications?communication=${ids.call}`);
    await page.getByTestId('communication-detail').filter({ hasText: 'Committee concerns' }).waitFor();
  });

  test('a filtered search is a link: another kind finds nothing, the right kind finds the call', async () => {
    await page.goto(`${url}/search?q=${WORD}&kind=meeting`);
    await page.getByText(`Nothing found for “${WORD}”`).waitFor();
    await page.goto(`${url}/search?q=${WORD}&kind=call&mode=sparse`);
    await page.getByTestId('search-hit').filter({ hasText: 'Committee concerns' }).waitFor();
    expect((await page.getByRole('radio', { name: 'Exact words' }).isChecked()) === true, 'the mode comes from the URL');
  });

  test('the palette shows a passage under "Said in notes and emails" and opens it; its last row opens the Search screen', async () => {
    await page.goto(`${url}/`);
    let input = await openPalette();
    // The call is a record result already (its body is in the record index): listed once, by name.
    await input.fill(WORD);
    await page.getByTestId('palette-result').filter({ hasText: 'Committee concerns' }).waitFor();
    expect((await page.getByTestId('palette-content-result').filter({ hasText: 'Committee concerns' }).count()) === 0, 'the call is not listed twice');
    // An investor's description is found only as a passage, and opens the investor.
    await input.fill(DESCRIPTION_WORD);
    const passage = page.getByTestId('palette-content-result').filter({ hasText: 'Description' });
    await passage.waitFor();
    await page.locator('[style*="Said in notes and emails"]').waitFor();
    expect((await passage.locator('mark').first().textContent()).toLowerCase() === DESCRIPTION_WORD, 'the word is marked');
    await shot('palette');
    await passage.click();
    await page.waitForURL(`**/organizations/${ids.org}`);
    // Let the palette finish closing before opening it again.
    await input.waitFor({ state: 'hidden' });
    input = await openPalette();
    await input.fill(WORD);
    await page.getByTestId('palette-search-everything').click();
    await page.waitForURL(`**/search?q=${WORD}`);
    await page.getByTestId('search-hit').filter({ hasText: 'Committee concerns' }).waitFor();
  });
}
