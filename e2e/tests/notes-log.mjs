// The notes log on an investor's page (issue 10, item 3): entries added from the page show newest
// first with who and when; a communication logged with appendToNotesLog adds its line; the lead
// source shows in the details.
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: false };

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name) => page.screenshot({ path: join(screenshotDir, `notes-log-${name}.png`) });
  const ids = {};

  test('an investor with a lead source and a logged call', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    const org = await api(page, 'POST', '/api/organizations', { name: 'Juniper Family Office', kind: 'family_office', leadSource: 'Referral from Ada' });
    expect(org.status === 201, `organization: ${JSON.stringify(org.body)}`);
    ids.org = org.body.data.id;
    const call = await api(page, 'POST', '/api/communications', {
      kind: 'call',
      occurredAt: '2026-01-05T15:00:00Z',
      subject: 'Intro call: interested in Fund II',
      organizationIds: [ids.org],
      appendToNotesLog: true,
    });
    expect(call.status === 201, `communication: ${JSON.stringify(call.body)}`);
  });

  test('the page shows the log and the lead source; an entry added there appears first', async () => {
    await page.goto(`${url}/organizations/${ids.org}`);
    const log = page.getByTestId('notes-log');
    await log.getByText('Intro call: interested in Fund II').waitFor();
    await page.getByText('Referral from Ada').first().waitFor();
    await log.getByTestId('notes-log-add').click();
    await log.getByTestId('notes-log-body').fill('Sent the deck and the DDQ');
    await log.getByTestId('notes-log-save').click();
    await log.getByText('Sent the deck and the DDQ').waitFor();
    // The saved entry can show before the refetched list does: wait for the list, not the first paint.
    await waitFor(async () => (await log.getByTestId('notes-log-entry').count()) === 2, 'two entries shown');
    const entries = await log.getByTestId('notes-log-entry').allInnerTexts();
    expect(entries.length === 2, `two entries, found ${entries.length}`);
    expect(entries[0].includes('Sent the deck'), `newest first: ${JSON.stringify(entries)}`);
    await waitFor(async () => (await api(page, 'GET', `/api/organizations/${ids.org}/notes-log`)).body.data.length === 2, 'two entries stored');
    await shot('organization');
  });
}
