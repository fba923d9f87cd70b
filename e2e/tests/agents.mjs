// Agents (issue 15, items 3–5 in the browser): an admin creates an agent key in approval mode with PII
// redaction through Settings → API keys; an MCP client (the SDK's own, over Streamable HTTP with that key)
// reads a dossier — names come back as placeholders — and proposes a change of a contact's title; the
// sidebar counts the pending proposal; the admin sees the diff side by side on Proposals and approves it;
// the contact shows the new title; Agent activity lists the calls as the model made them.
// Screenshots: e2e/screenshots/agents-*.png (light and dark, 1280 and 360 px).
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from '../lib/harness.mjs';
import { api, signIn, waitFor } from '../lib/session.mjs';

export const suite = { demo: true };

const NEW_TITLE = 'Chief Investment Officer (proposed by an agent)';

export function register({ page, url, admin, screenshotDir }) {
  const shot = (name, options = {}) => page.screenshot({ path: join(screenshotDir, `agents-${name}.png`), ...options });
  let key = '';
  let contact = null;
  let client = null;

  const callTool = async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    const text = result.content?.[0]?.text ?? 'null';
    return { isError: result.isError === true, text, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : null };
  };

  test('Settings → API keys: create an agent key with redaction and approval mode', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, url, admin);
    await page.goto(`${url}/settings/api-keys`);
    await page.getByRole('button', { name: 'Create key' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('Name').fill('Claude (e2e)');
    // Agent is the default role; the agent options default to the safe side: PII redacted, writes need approval.
    expect((await modal.getByTestId('api-key-redaction').inputValue()).startsWith('Redact PII'), 'redaction defaults to PII');
    expect((await modal.getByTestId('api-key-writes').inputValue()).startsWith('Approval'), 'writes default to approval');
    await shot('key-form');
    await modal.getByRole('button', { name: 'Create key' }).click();
    key = (await page.getByTestId('new-api-key').innerText()).trim();
    expect(key.startsWith('lpd_'), `a key is shown once: ${key.slice(0, 8)}…`);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Claude (e2e)' });
    await row.waitFor();
    const mode = (await row.getByTestId('api-key-agent-mode').innerText()).toLowerCase();
    expect(mode.includes('pii redacted') && mode.includes('writes need approval'), `the list shows the agent mode: ${mode}`);
    await shot('keys', { fullPage: true });
  });

  test('an MCP client with the key sees placeholders and proposes a change', async () => {
    contact = (await api(page, 'GET', '/api/contacts?limit=1&sort=lastName')).body.data[0];
    expect(contact?.id, 'the demo fund has contacts');
    client = new Client({ name: 'lpdesk-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    const dossier = await callTool('get_dossier', { type: 'contact', id: contact.id });
    expect(!dossier.isError, `get_dossier answers: ${dossier.text.slice(0, 200)}`);
    expect(dossier.text.includes(contact.id), 'ids stay visible');
    expect(!dossier.text.includes(contact.lastName), `the contact's name is not shown to the model (${contact.lastName})`);
    expect(/\[PERSON_\d+\]/.test(dossier.text), 'names are placeholders');
    for (const email of contact.emails ?? []) expect(!dossier.text.toLowerCase().includes(email.toLowerCase()), `no raw email (${email})`);

    const proposed = await callTool('update_record', { type: 'contact', id: contact.id, changes: { title: NEW_TITLE } });
    expect(!proposed.isError, `update_record answers: ${proposed.text.slice(0, 300)}`);
    const unchanged = (await api(page, 'GET', `/api/contacts/${contact.id}`)).body.data;
    expect(unchanged.title !== NEW_TITLE, 'nothing changed before approval');
    const pending = (await api(page, 'GET', '/api/agent/proposals?status=pending')).body;
    expect(
      pending.data.some((p) => p.diff.entityId === contact.id),
      'the write waits as a proposal',
    );
  });

  test('Proposals: the sidebar counts it, the diff is side by side, Approve makes the change', async () => {
    await page.goto(`${url}/`);
    const badge = page.getByTestId('pending-proposals');
    await badge.waitFor();
    expect(Number(await badge.innerText()) >= 1, 'the sidebar shows pending proposals');
    await page.getByRole('link', { name: /Proposals/ }).click();
    const card = page.getByTestId('proposal-card').filter({ hasText: NEW_TITLE });
    await card.waitFor();
    const changed = card.locator('tr[data-changed]');
    expect((await changed.count()) === 1, 'one field changes');
    expect((await changed.getByTestId('diff-proposed').innerText()).includes(NEW_TITLE), 'the proposed value is on the right');
    expect((await changed.getByTestId('diff-current').innerText()).trim() === (contact.title ?? '—'), 'the current value is on the left');
    await shot('proposals', { fullPage: true });
    await card.getByTestId('approve-proposal').click();
    await card.waitFor({ state: 'detached' });
    await waitFor(async () => (await api(page, 'GET', `/api/contacts/${contact.id}`)).body.data.title === NEW_TITLE, 'the approved change is made');
    await page.goto(`${url}/contacts/${contact.id}`);
    await page.getByText(NEW_TITLE).first().waitFor();
    await page.goto(`${url}/proposals`);
    await page.getByTestId('proposal-status').getByText('Approved').click();
    await page.getByTestId('proposal-card').filter({ hasText: NEW_TITLE }).getByTestId('proposal-decision').waitFor();
    await shot('proposals-approved', { fullPage: true });
  });

  test('Settings → Agent activity: every call, as the model made it, filterable by tool', async () => {
    await page.goto(`${url}/settings/agent-activity`);
    const table = page.getByTestId('agent-calls-table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text.includes('get_dossier') && text.includes('update_record') && text.includes('Claude (e2e)'), 'both calls are logged with the key');
    expect(text.includes('proposed'), 'the approval-mode write is logged as proposed');
    await page.getByTestId('agent-calls-tool').click();
    await page.getByRole('option', { name: 'update_record' }).click();
    await waitFor(async () => (await page.getByTestId('agent-call-row').count()) === 1, 'filtered to update_record');
    await shot('activity', { fullPage: true });
    await client?.close();
  });

  test('light and dark, 1280 and 360 px: the three screens, no sideways scroll', async () => {
    for (const scheme of ['light', 'dark']) {
      if (scheme === 'dark') {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.getByTestId('user-menu').click();
        await page.getByTestId('theme-toggle').click();
        await page.keyboard.press('Escape');
      }
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, path, ready] of [
          ['keys', '/settings/api-keys', 'api-key-agent-mode'],
          ['activity', '/settings/agent-activity', 'agent-calls-table'],
          ['proposals', '/proposals', 'proposal-status'],
        ]) {
          await page.goto(`${url}${path}`);
          await page.getByTestId(ready).first().waitFor();
          if (name === 'proposals') {
            await page.getByTestId('proposal-status').getByText('Approved').click();
            await page.getByTestId('proposal-card').first().waitFor();
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow <= 0, `${name}: no sideways scroll at ${width} px (${overflow}px)`);
          await shot(`${name}-${scheme}-${width}`, { fullPage: true });
        }
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });
}
