// Email capture in the browser (issue 12): an mbox written here is imported with `lpdesk email import-mbox`
// into the running server's data dir. The contact's page shows the thread with its body in a sandboxed frame
// (the mail's script and onerror image did not run, in the frame or on the page), the attachment downloads
// with its bytes, the reply from the team joins the thread, the unmatched message keeps no body, the
// organization sees its domain match; a thread is unlinked and linked again by hand; "Do not capture"
// removes the body. Settings → Email: an IMAP mailbox on a closed port, Sync now, the row shows the error.
// Screenshots: e2e/screenshots/email-*.png (light, dark, 360 px).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '../lib/harness.mjs';
import { repoRoot } from '../lib/server.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = {};

const cli = join(repoRoot, 'packages/cli/bin/lpdesk.js');
const ATTACHMENT = 'Term sheet v3\nManagement fee: 2%\nCarry: 20%\n';
const JANE = 'jane@doe-family.example';
const TEAM = 'avery@example.com';

/** One RFC 5322 message as an mbox entry ("From " line first, body lines starting with "From " quoted). */
function mboxEntry(from, date, headers, body) {
  const lines = [
    `From ${from} ${date.toUTCString().replace(/,/g, '')}`,
    ...headers,
    '',
    ...body.split('\n').map((line) => (/^>*From /.test(line) ? `>${line}` : line)),
    '',
  ];
  return lines.join('\n');
}

function writeMbox(dir) {
  const boundary = 'lpdesk-e2e-boundary';
  const html =
    '<p>Dear Avery,</p><p>Could you share the <b>Fund IV data room</b>? Our committee meets on Friday.</p>' +
    '<script>document.title = "pwned-script"; window.__emailPwned = 1;</script>' +
    '<img src="x" onerror="document.title = \'pwned-img\'; window.__emailPwned = 2;">' +
    '<p>Best, Jane</p>';
  const entries = [
    mboxEntry(
      JANE,
      new Date('2026-03-10T09:00:00Z'),
      [
        'From: Jane Doe <jane@doe-family.example>',
        `To: Avery Admin <${TEAM}>`,
        'Subject: Fund IV data room',
        'Date: Tue, 10 Mar 2026 09:00:00 +0000',
        'Message-ID: <data-room-1@doe-family.example>',
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
      ],
      [
        `--${boundary}`,
        'Content-Type: multipart/alternative; boundary="alt-boundary"',
        '',
        '--alt-boundary',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dear Avery, could you share the Fund IV data room? Our committee meets on Friday. Best, Jane',
        '--alt-boundary',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '--alt-boundary--',
        `--${boundary}`,
        'Content-Type: text/plain; name="term-sheet.txt"',
        'Content-Disposition: attachment; filename="term-sheet.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from(ATTACHMENT).toString('base64'),
        `--${boundary}--`,
      ].join('\n'),
    ),
    mboxEntry(
      TEAM,
      new Date('2026-03-10T11:30:00Z'),
      [
        `From: Avery Admin <${TEAM}>`,
        'To: Jane Doe <jane@doe-family.example>',
        'Subject: Re: Fund IV data room',
        'Date: Tue, 10 Mar 2026 11:30:00 +0000',
        'Message-ID: <data-room-2@example.com>',
        'In-Reply-To: <data-room-1@doe-family.example>',
        'References: <data-room-1@doe-family.example>',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Hi Jane,\nFrom today you have access. The link follows.\nAvery',
    ),
    mboxEntry(
      'bob@lumen-lp.example',
      new Date('2026-03-11T08:00:00Z'),
      [
        'From: Bob Lumen <bob@lumen-lp.example>',
        `To: ${TEAM}`,
        'Subject: Capital call schedule',
        'Date: Wed, 11 Mar 2026 08:00:00 +0000',
        'Message-ID: <capital-call@lumen-lp.example>',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Could you send the capital call schedule for Q2?',
    ),
    mboxEntry(
      'news@unrelated-newsletter.example',
      new Date('2026-03-12T08:00:00Z'),
      [
        'From: Weekly Digest <news@unrelated-newsletter.example>',
        `To: ${TEAM}`,
        'Subject: This week in widgets',
        'Date: Thu, 12 Mar 2026 08:00:00 +0000',
        'Message-ID: <digest-42@unrelated-newsletter.example>',
        'Content-Type: text/plain; charset=utf-8',
      ],
      'Nothing to do with anyone.',
    ),
  ];
  const file = join(dir, 'e2e.mbox');
  writeFileSync(file, entries.join('\n'));
  return file;
}

export function register({ page, url, admin, server, screenshotDir }) {
  const shot = async (name, options = {}) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(screenshotDir, `email-${name}.png`), ...options });
  };
  const ids = {};
  const created = async (path, body) => {
    const response = await api(page, 'POST', path, body);
    expect(response.status === 201, `${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data.id;
  };
  const noSidewaysScroll = async (what) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow <= 0, `${what}: no sideways scroll at 360 px (${overflow}px)`);
  };
  const threadOf = (subject) => page.getByTestId('email-thread').filter({ has: page.getByTestId('email-thread-subject').filter({ hasText: subject }) });

  test('sign in, a contact and an organization with a domain, and an mbox imported with the CLI', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await signIn(page, url, admin);
    ids.jane = await created('/api/contacts', { firstName: 'Jane', lastName: 'Doe', emails: [JANE] });
    ids.lumen = await created('/api/organizations', { name: 'Lumen LP', kind: 'family_office', emailDomains: ['lumen-lp.example'] });
    const file = writeMbox(mkdtempSync(join(tmpdir(), 'lpdesk-e2e-mbox-')));
    const result = spawnSync(process.execPath, [cli, 'email', 'import-mbox', file, '--data-dir', server.dataDir], { cwd: repoRoot, encoding: 'utf8' });
    // Both streams: the progress bar goes to stderr, the summary with each message's error to stdout.
    expect(result.status === 0, `import-mbox: ${result.status}\n${result.stderr}\n${result.stdout}`);
    await waitFor(async () => (await api(page, 'GET', `/api/email/threads?entityId=${ids.jane}`)).body?.data?.length === 1, 'the thread is linked to Jane');
    const thread = (await api(page, 'GET', `/api/email/threads?entityId=${ids.jane}`)).body.data[0];
    ids.thread = thread.id;
    ids.first = thread.messages[0].id;
    expect(thread.messages.length === 2, `the team's reply joins the thread: ${thread.messages.length} messages`);
    const digest = (await api(page, 'GET', '/api/email/messages?linked=unlinked&limit=50')).body.data.find((m) => m.subject === 'This week in widgets');
    expect(digest && digest.hasBody === false, `the unmatched message keeps no body: ${JSON.stringify(digest)}`);
  });

  test("the contact page shows the thread; the mail's script and onerror image run neither in the frame nor on the page", async () => {
    const titleBefore = await page.title();
    await page.goto(`${url}/contacts/${ids.jane}`);
    const thread = threadOf('Fund IV data room');
    await thread.waitFor();
    expect((await thread.getByTestId('email-link-chip').first().innerText()).includes('exact email'), 'the chip says how it matched');
    // The timeline entry opens the thread in the Email panel.
    const entry = page.getByTestId('timeline-email').first();
    await entry.waitFor();
    await entry.click();
    await thread.getByTestId('email-message').nth(1).waitFor();
    const messages = thread.getByTestId('email-message');
    expect((await messages.count()) === 2, 'two messages');
    expect((await messages.nth(1).innerText()).toLowerCase().includes('sent'), 'the reply from the team is marked sent, and comes second');
    const frameElement = messages.first().getByTestId('email-body-frame');
    await frameElement.waitFor();
    const sandbox = await frameElement.getAttribute('sandbox');
    expect(
      sandbox !== null && !sandbox.includes('allow-scripts') && !sandbox.includes('allow-same-origin'),
      `sandboxed without scripts or same-origin: "${sandbox}"`,
    );
    const body = page.frameLocator('[data-testid="email-body-frame"]').first().locator('body');
    await waitFor(async () => (await body.innerText()).includes('Fund IV data room'), 'the HTML body renders in the frame');
    const srcdoc = await frameElement.getAttribute('srcdoc');
    expect(!/<script/i.test(srcdoc) && !/onerror/i.test(srcdoc), 'the sanitized body carries no script or handler');
    await page.waitForTimeout(500);
    expect((await page.title()) === titleBefore || !(await page.title()).startsWith('pwned'), `the page title is untouched: ${await page.title()}`);
    expect((await page.evaluate(() => window.__emailPwned)) === undefined, 'no flag on the page');
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.parentFrame() === page.mainFrame());
    const inFrame = frame ? await frame.evaluate(() => ({ title: document.title, flag: window.__emailPwned ?? null })).catch(() => null) : null;
    expect(inFrame !== null && !String(inFrame.title).startsWith('pwned') && inFrame.flag === null, `nothing ran in the frame: ${JSON.stringify(inFrame)}`);
    const height = await frameElement.evaluate((el) => el.getBoundingClientRect().height);
    expect(height > 60 && height < 600, `the frame is sized to its content: ${height}px`);
    await thread.scrollIntoViewIfNeeded();
    await shot('contact-thread');
  });

  test('the attachment downloads with its bytes', async () => {
    const link = threadOf('Fund IV data room').getByTestId('email-attachment-link').first();
    expect((await link.innerText()).includes('term-sheet.txt'), 'the attachment is listed by name');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename() === 'term-sheet.txt', `file name: ${download.suggestedFilename()}`);
    expect(readFileSync(await download.path(), 'utf8') === ATTACHMENT, 'the same bytes');
  });

  test('unlink the thread from the contact, then link it again by hand', async () => {
    const thread = threadOf('Fund IV data room');
    await thread.getByRole('button', { name: 'Unlink Jane Doe' }).click();
    await page.getByTestId('email-unlinked-notice').waitFor();
    await thread.waitFor({ state: 'detached' });
    await waitFor(async () => (await api(page, 'GET', `/api/email/threads?entityId=${ids.jane}`)).body.data.length === 0, 'the thread leaves Jane');
    await page.getByTestId('email-link-again').click();
    await threadOf('Fund IV data room').waitFor();
    const chip = threadOf('Fund IV data room').locator(`[data-testid="email-link-chip"][data-entity-id="${ids.jane}"]`);
    await waitFor(async () => (await chip.getAttribute('data-match-kind')) === 'manual', 'the link is manual now');
    // And from the picker: link the thread to the organization as well.
    await threadOf('Fund IV data room').getByTestId('email-link-to').click();
    await page.getByRole('dialog').getByText('Organization', { exact: true }).click();
    await page.getByTestId('email-link-picker').fill('Lumen');
    await page.getByRole('option', { name: 'Lumen LP' }).click();
    await page.getByTestId('email-link-save').click();
    await threadOf('Fund IV data room').locator(`[data-testid="email-link-chip"][data-entity-id="${ids.lumen}"]`).waitFor();
    await shot('contact-links');
  });

  test('the organization sees its domain match and the thread linked by hand', async () => {
    await page.goto(`${url}/organizations/${ids.lumen}`);
    const thread = threadOf('Capital call schedule');
    await thread.waitFor();
    expect((await thread.getByTestId('email-link-chip').first().innerText()).includes('domain 60 %'), 'a domain match at 60 %');
    await threadOf('Fund IV data room').waitFor();
    await page.getByTestId('email-panel').scrollIntoViewIfNeeded();
    await shot('organization');
    // Unlinked from the organization again, so "do not capture" below leaves the body nowhere.
    await threadOf('Fund IV data room').getByRole('button', { name: 'Unlink Lumen LP' }).click();
    await threadOf('Fund IV data room').waitFor({ state: 'detached' });
  });

  test('"Do not capture email" asks, then removes the body', async () => {
    await page.goto(`${url}/contacts/${ids.jane}`);
    await threadOf('Fund IV data room').waitFor();
    await page.getByTestId('email-capture-block').click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Stop capturing email' });
    await dialog.waitFor();
    expect((await dialog.innerText()).includes('bodies'), 'the confirmation says bodies are removed');
    await shot('do-not-capture-confirm');
    await page.getByTestId('confirm-trash').click();
    await page.getByTestId('email-capture-blocked').waitFor();
    await threadOf('Fund IV data room').waitFor({ state: 'detached' });
    const message = await api(page, 'GET', `/api/email/messages/${ids.first}`);
    const view = message.body.data ?? message.body;
    expect(
      message.status === 200 && view.hasBody === false && view.bodyText === undefined && view.bodyHtml === undefined,
      `the body is gone: ${JSON.stringify(view).slice(0, 300)}`,
    );
  });

  test('Settings → Email: an IMAP mailbox on a closed port, Sync now shows the error on its row', async () => {
    await page.goto(`${url}/settings/email`);
    await page.getByTestId('email-settings').waitFor();
    await page.getByTestId('add-imap-mailbox').click();
    await page.getByTestId('mailbox-save').click();
    await page
      .getByTestId('add-mailbox-modal')
      .getByText('Required')
      .or(page.getByTestId('add-mailbox-modal').locator('.mantine-InputWrapper-error'))
      .first()
      .waitFor();
    await page.getByTestId('mailbox-label').fill('Closed port');
    await page.getByTestId('mailbox-host').fill('127.0.0.1');
    await page.getByTestId('mailbox-secure').click({ force: true });
    await page.getByTestId('mailbox-port').fill('1');
    await page.getByTestId('mailbox-username').fill('nobody@example.com');
    await page.getByTestId('mailbox-password').fill('not-a-real-password');
    await page.getByTestId('mailbox-save').click();
    await page.getByTestId('add-mailbox-modal').waitFor({ state: 'detached' });
    const row = page.getByTestId('mailbox-row').filter({ hasText: 'Closed port' });
    await row.waitFor();
    expect(!(await page.content()).includes('not-a-real-password'), 'the password is never shown');
    await row.getByTestId('mailbox-sync-now').click();
    await row.locator('[data-testid="mailbox-run-errors"]').waitFor({ timeout: 30_000 });
    expect((await row.getAttribute('data-failing')) === 'true', 'the row is marked failing (red)');
    await row.getByTestId('mailbox-show-runs').click();
    await row.getByTestId('mailbox-runs').waitFor();
    await shot('settings', { fullPage: true });
    await row.getByTestId('mailbox-pause').click();
    await row.getByTestId('mailbox-paused').waitFor();
    // A new password replaces the stored one and is not shown afterwards either.
    await row.getByTestId('mailbox-edit').click();
    await page.getByTestId('mailbox-new-password').fill('another-secret-password');
    await page.getByTestId('mailbox-edit-save').click();
    await page.getByRole('dialog').filter({ hasText: 'Edit Closed port' }).waitFor({ state: 'detached' });
    expect(!(await page.content()).includes('another-secret-password'), 'the new password is not shown');
  });

  test('dark theme and a 360 px phone: no sideways scroll', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('theme-toggle').click();
    await page.keyboard.press('Escape');
    await shot('settings-dark', { fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${url}/settings/email`);
    await page.getByTestId('mailbox-row').first().waitFor();
    await page.getByTestId('mailbox-show-runs').first().click();
    await page.getByTestId('mailbox-runs').first().waitFor();
    await noSidewaysScroll('Settings → Email');
    await shot('settings-mobile', { fullPage: true });
    await page.goto(`${url}/organizations/${ids.lumen}`);
    const thread = threadOf('Capital call schedule');
    await thread.waitFor();
    await thread.getByTestId('email-thread-toggle').click();
    await thread.getByTestId('email-message').first().waitFor();
    await noSidewaysScroll('organization page with an open thread');
    await thread.scrollIntoViewIfNeeded();
    await shot('organization-mobile');
    await page.setViewportSize({ width: 1440, height: 1000 });
  });
}
