import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders, TEST_USER } from '../../test/render';
import { ApiKeysSettings } from '../settings/api-keys-settings';
import { ProposalsNavLink } from '../shell/sidebar';
import { AgentActivitySettings } from './agent-activity';
import { ProposalsScreen } from './proposals-screen';

const admin = { ...TEST_USER, role: 'admin' as const };
const KEY_ID = '0190c0de-0000-7000-8000-0000000000a1';
const PROPOSAL_ID = '0190c0de-0000-7000-8000-0000000000p1'.replace('p', 'c');
const CONTACT_ID = '0190c0de-0000-7000-8000-0000000000c7';

const apiKey = (extra: Record<string, unknown> = {}) => ({
  id: KEY_ID,
  name: 'Claude desk',
  role: 'agent',
  prefix: 'lpd_ab12',
  createdBy: null,
  createdAt: '2031-03-14T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  redaction: 'pii',
  writes: 'approval',
  ...extra,
});

const proposal = (extra: Record<string, unknown> = {}) => ({
  id: PROPOSAL_ID,
  apiKeyId: KEY_ID,
  apiKeyName: 'Claude desk',
  tool: 'update_record',
  operation: 'contacts.update',
  arguments: { entity: 'contact', id: CONTACT_ID, changes: { title: 'Chief Investment Officer' } },
  diff: {
    action: 'update',
    entityType: 'contact',
    entityId: CONTACT_ID,
    label: 'Ada Quill',
    before: { title: 'Investment Director', location: 'Boston' },
    after: { title: 'Chief Investment Officer', location: 'Boston' },
  },
  status: 'pending',
  createdAt: '2031-03-14T12:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decidedByName: null,
  reason: null,
  result: null,
  ...extra,
});

/** A Mantine Select's input (its listbox carries the same label). */
const selectInput = (label: string) => screen.getAllByLabelText(label).find((el) => el.tagName === 'INPUT') as HTMLElement;

const envelope = (data: unknown[], total = data.length) => ({ status: 200, body: { data, total, limit: 50, offset: 0 } });

describe('Settings → API keys: agent options', () => {
  it('creates an agent key with redaction and write mode, and shows them in the list', async () => {
    const calls = mockApi((url, init) => {
      const method = init?.method ?? 'GET';
      if (url === '/api/api-keys' && method === 'GET')
        return envelope([apiKey(), apiKey({ id: `${KEY_ID.slice(0, -1)}2`, name: 'Zapier', role: 'member', redaction: 'off', writes: 'direct' })]);
      if (url === '/api/api-keys' && method === 'POST') return { status: 201, body: { data: { ...apiKey({ writes: 'direct' }), key: 'lpd_ab12_secret' } } };
      return undefined;
    });
    renderWithProviders(<ApiKeysSettings />, { user: admin });
    const modes = await screen.findAllByTestId('api-key-agent-mode');
    expect(modes[0]).toHaveTextContent('PII redacted');
    expect(modes[0]).toHaveTextContent('Writes need approval');
    expect(modes[1]).toHaveTextContent('—');

    await userEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await userEvent.type(await screen.findByLabelText(/^Name/), 'Claude desk');
    await userEvent.click(selectInput('Writes'));
    await userEvent.click(await screen.findByRole('option', { name: /^Direct/, hidden: true }));
    await userEvent.click(screen.getAllByRole('button', { name: 'Create key' }).at(-1) as HTMLElement);
    expect(await screen.findByTestId('new-api-key', {}, { timeout: 5000 })).toHaveTextContent('lpd_ab12_secret');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Claude desk', role: 'agent', redaction: 'pii', writes: 'direct' });
  });

  it('sends no agent options for other roles', async () => {
    const calls = mockApi((url, init) =>
      url === '/api/api-keys' && init?.method === 'POST' ? { status: 201, body: { data: { ...apiKey({ role: 'member' }), key: 'k' } } } : undefined,
    );
    renderWithProviders(<ApiKeysSettings />, { user: admin });
    await userEvent.click(await screen.findByRole('button', { name: 'Create key' }));
    const name = await screen.findByLabelText(/^Name/);
    await userEvent.type(name, 'Sync');
    await userEvent.click(selectInput('Role'));
    await userEvent.click(await screen.findByRole('option', { name: 'Member', hidden: true }));
    expect(screen.queryAllByLabelText('Redaction').find((el) => el.tagName === 'INPUT') ?? null).toBeNull();
    // Enter in the name submits the form (the role dropdown may still be closing).
    await userEvent.type(name, '{enter}');
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Sync', role: 'member' }), { timeout: 5000 });
  });
});

describe('Proposals', () => {
  it('shows the target record and the diff side by side, and approves', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/agent/proposals?')) return envelope([proposal()]);
      if (url === `/api/agent/proposals/${PROPOSAL_ID}/approve` && init?.method === 'POST')
        return { status: 200, body: { data: proposal({ status: 'approved' }) } };
      return undefined;
    });
    renderWithProviders(<ProposalsScreen />, { user: admin });
    const card = await screen.findByTestId('proposal-card');
    expect(within(card).getByTestId('proposal-target')).toHaveTextContent('Update contact Ada Quill');
    expect(within(card).getByRole('link', { name: 'Ada Quill' })).toHaveAttribute('href', `/contacts/${CONTACT_ID}`);
    const diff = within(card).getByTestId('proposal-diff');
    const changed = diff.querySelectorAll('tr[data-changed]');
    expect(changed).toHaveLength(1);
    expect(within(changed[0] as HTMLElement).getByTestId('diff-current')).toHaveTextContent('Investment Director');
    expect(within(changed[0] as HTMLElement).getByTestId('diff-proposed')).toHaveTextContent('Chief Investment Officer');
    // Unchanged fields are shown for context, equal on both sides.
    expect(within(diff).getAllByText('Boston')).toHaveLength(2);

    await userEvent.click(within(card).getByTestId('approve-proposal'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `/api/agent/proposals/${PROPOSAL_ID}/approve`)).toBe(true));
    expect(calls[0]?.url).toContain('status=pending');
  });

  it('rejects with a reason', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/agent/proposals?')) return envelope([proposal()]);
      if (url.endsWith('/reject') && init?.method === 'POST') return { status: 200, body: { data: proposal({ status: 'rejected', reason: 'Wrong person' }) } };
      return undefined;
    });
    renderWithProviders(<ProposalsScreen />, { user: admin });
    await userEvent.click(await screen.findByTestId('reject-proposal'));
    await userEvent.type(screen.getByTestId('reject-reason'), 'Wrong person');
    await userEvent.click(screen.getByTestId('confirm-reject'));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/reject'))?.body).toEqual({ reason: 'Wrong person' }));
  });
});

describe('Agent activity', () => {
  it('lists calls with key, tool, arguments as the model saw them, size and outcome; filters by tool', async () => {
    const calls = mockApi((url) => {
      if (url.startsWith('/api/agent/calls'))
        return envelope([
          {
            id: '0190c0de-0000-7000-8000-0000000000d1',
            at: '2031-03-14T12:00:00.000Z',
            apiKeyId: KEY_ID,
            apiKeyName: 'Claude desk',
            sessionId: 's-1',
            tool: 'search',
            arguments: { query: 'what did [PERSON_1] say about Fund II' },
            resultBytes: 2048,
            durationMs: 12.4,
            outcome: 'ok',
            error: null,
            proposalId: null,
          },
        ]);
      if (url === '/api/api-keys') return envelope([apiKey()]);
      return undefined;
    });
    renderWithProviders(<AgentActivitySettings />, { user: admin });
    const row = await screen.findByTestId('agent-call-row');
    expect(row).toHaveTextContent('Claude desk');
    expect(row).toHaveTextContent('search');
    expect(row).toHaveTextContent('[PERSON_1]');
    expect(row).toHaveTextContent('2.0 KB');
    expect(row).toHaveTextContent('ok');
    await userEvent.click(selectInput('Tool'));
    await userEvent.click(await screen.findByRole('option', { name: 'get_dossier', hidden: true }));
    await waitFor(() => expect(calls.some((c) => c.url.startsWith('/api/agent/calls') && c.url.includes('tool=get_dossier'))).toBe(true));
  });
});

describe('Sidebar', () => {
  it('shows admins and managers how many proposals wait, and members no link', async () => {
    mockApi((url) => (url.startsWith('/api/agent/proposals?') ? envelope([proposal()], 3) : undefined));
    const { unmount } = renderWithProviders(<ProposalsNavLink active={false} />, { user: { ...TEST_USER, role: 'manager' } });
    expect(await screen.findByTestId('pending-proposals')).toHaveTextContent('3');
    expect(screen.getByRole('link', { name: /Proposals/ })).toHaveAttribute('href', '/proposals');
    unmount();
    const member = mockApi(() => undefined);
    renderWithProviders(<ProposalsNavLink active={false} />, { user: TEST_USER });
    expect(member).toEqual([]);
    expect(screen.queryByRole('link', { name: /Proposals/ })).toBeNull();
  });
});
