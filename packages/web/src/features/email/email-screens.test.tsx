import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../api/client';
import { mockApi, renderWithProviders, TEST_USER } from '../../test/render';
import type { EmailMessageDetailView, EmailSyncRunView, EmailThreadView, MailboxView } from './email-api';
import { EmailPanel } from './email-panel';
import { EmailSettings } from './email-settings';
import { emailFrameDocument, formatBytes, matchLabel, runCounts, threadParticipants } from './email-format';
import { inertLayoutCopy } from './email-body-frame';
import { mailboxChanges } from './edit-mailbox-modal';

const CONTACT = '0190c0de-0000-7000-8000-0000000000c1';
const ORG = '0190c0de-0000-7000-8000-0000000000o1';
const THREAD = '0190c0de-0000-7000-8000-0000000000t1';
const MAILBOX = '0190c0de-0000-7000-8000-0000000000m1';
const admin = { ...TEST_USER, role: 'admin' as const };

const address = (name: string | null, addr: string) => ({ name, address: addr });

function message(id: string, overrides: Partial<EmailMessageDetailView>): EmailMessageDetailView {
  return {
    id,
    messageId: `${id}@mail.example`,
    threadId: THREAD,
    subject: 'Fund IV data room',
    from: address('Jane Doe', 'jane@lp.example'),
    to: [address('Casey Partner', 'casey@fund.example')],
    cc: [],
    bcc: [],
    sentAt: '2031-03-10T09:00:00.000Z',
    direction: 'inbound',
    hasBody: true,
    snippet: '',
    mailboxes: [],
    attachments: [],
    links: [],
    communicationId: null,
    ...overrides,
  } as EmailMessageDetailView;
}

const thread: EmailThreadView = {
  id: THREAD,
  subject: 'Fund IV data room',
  firstAt: '2031-03-10T09:00:00.000Z',
  lastAt: '2031-03-11T10:00:00.000Z',
  // Newest first on purpose: the panel shows them oldest first whatever the order.
  messages: [
    message('m2', {
      from: address('Casey Partner', 'casey@fund.example'),
      to: [address('Jane Doe', 'jane@lp.example')],
      sentAt: '2031-03-11T10:00:00.000Z',
      direction: 'outbound',
      bodyText: 'Here is the link.\nBest, Casey',
    }),
    message('m1', {
      bodyHtml: '<p>Could you share the <b>data room</b>?</p>',
      bodyText: 'Could you share the data room?',
      attachments: [{ id: 'a1', filename: 'deck.pdf', contentType: 'application/pdf', size: 2048, sha256: 'ab', stored: true }],
    }),
    message('m0', { hasBody: false, sentAt: '2031-03-09T08:00:00.000Z', subject: 'Fund IV data room' }),
  ],
  links: [
    { entityType: 'contact', entityId: CONTACT, label: 'Jane Doe', matchKind: 'exact_email', confidence: 1, matchedOn: 'jane@lp.example' },
    { entityType: 'organization', entityId: ORG, label: 'LP Family Office', matchKind: 'domain', confidence: 0.6, matchedOn: 'lp.example' },
  ],
};

function run(overrides: Partial<EmailSyncRunView> = {}): EmailSyncRunView {
  return {
    id: '0190c0de-0000-7000-8000-0000000000r1',
    mailboxId: MAILBOX,
    trigger: 'manual',
    status: 'succeeded',
    startedAt: '2031-03-14T14:00:00.000Z',
    finishedAt: '2031-03-14T14:00:02.000Z',
    fetched: 12,
    stored: 10,
    matched: 4,
    duplicates: 2,
    errors: 0,
    errorMessages: [],
    durationMs: 1500,
    folders: [],
    ...overrides,
  };
}

const mailbox: MailboxView = {
  id: MAILBOX,
  kind: 'imap',
  label: 'Partner inbox',
  address: 'casey@fund.example',
  host: 'imap.fund.example',
  port: 993,
  secure: true,
  username: 'casey@fund.example',
  folders: ['INBOX', 'Sent'],
  ownerUserId: null,
  authMode: 'password',
  hasCredentials: true,
  paused: false,
  lastRun: run(),
  lastSuccessAt: '2031-03-14T14:00:02.000Z',
  messageCount: 1234,
  createdAt: '2031-03-01T00:00:00.000Z',
  updatedAt: '2031-03-01T00:00:00.000Z',
  version: 1,
};

describe('email display rules', () => {
  it('labels matches, sizes, run counts and participants', () => {
    expect(matchLabel({ matchKind: 'exact_email', confidence: 1 })).toBe('exact email');
    expect(matchLabel({ matchKind: 'domain', confidence: 0.6 })).toBe('domain 60 %');
    expect(matchLabel({ matchKind: 'manual', confidence: 1 })).toBe('manual');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(runCounts(run({ duplicates: 1, errors: 1 }))).toBe('12 fetched · 10 stored · 4 matched · 1 duplicate · 1 error');
    expect(threadParticipants(thread)).toEqual({ names: ['Casey Partner', 'Jane Doe'], more: 0 });
  });

  it('frames HTML with a policy that loads and runs nothing, and measures a copy without attributes or scripts', () => {
    const framed = emailFrameDocument('<p>Hello</p>');
    expect(framed).toContain("default-src 'none'");
    expect(framed).toContain('<body><p>Hello</p></body>');
    const copy = inertLayoutCopy(
      '<p onclick="x()">Hi <a href="https://evil.example">there</a><script>window.pwned=1</script><img src="https://t.example/p.gif" onerror="x()" width="10"></p>',
      document,
    );
    const holder = document.createElement('div');
    holder.appendChild(copy);
    expect(holder.innerHTML).toBe('<p>Hi <span>there</span><img width="10"></p>');
  });
});

describe('EmailPanel', () => {
  beforeEach(() => setCsrfToken('csrf-test'));

  it('lists a thread, expands it oldest first with a sandboxed HTML body, headers-only note and attachment, and shows how it matched', async () => {
    mockApi((url) => {
      if (url.startsWith('/api/email/threads?')) return { status: 200, body: { data: [thread], total: 1, limit: 20, offset: 0 } };
      if (url.startsWith('/api/email/capture-blocks/'))
        return { status: 200, body: { data: { entityType: 'contact', entityId: CONTACT, blocked: false, blockedAt: null, blockedBy: null } } };
      return undefined;
    });
    renderWithProviders(<EmailPanel entityType="contact" entityId={CONTACT} name="Jane Doe" />);
    const row = await screen.findByTestId('email-thread');
    expect(within(row).getByTestId('email-thread-subject')).toHaveTextContent('Fund IV data room');
    const chips = within(row).getAllByTestId('email-link-chip');
    expect(chips.map((chip) => chip.textContent)).toEqual(['Jane Doe · exact email', 'LP Family Office · domain 60 %']);
    expect(within(row).queryByTestId('email-message')).toBeNull();
    await userEvent.click(within(row).getByTestId('email-thread-toggle'));
    const messages = within(row).getAllByTestId('email-message');
    expect(messages.map((m) => m.getAttribute('data-message-id'))).toEqual(['m0', 'm1', 'm2']);
    expect(within(messages[0] as HTMLElement).getByTestId('email-headers-only')).toBeInTheDocument();
    const frame = within(messages[1] as HTMLElement).getByTestId('email-body-frame');
    const sandbox = frame.getAttribute('sandbox') ?? '';
    expect(frame.hasAttribute('sandbox')).toBe(true);
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(frame.getAttribute('srcdoc')).toContain('<b>data room</b>');
    expect(within(messages[1] as HTMLElement).getByTestId('email-attachment-link')).toHaveAttribute('href', '/api/email/attachments/a1');
    expect(messages[1]).toHaveTextContent('2.0 KB');
    expect(within(messages[2] as HTMLElement).getByTestId('email-body-text')).toHaveTextContent('Here is the link.');
    expect(messages[2]).toHaveTextContent('sent');
  });

  it('unlinks the thread from this record, then links it again from the notice', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/email/threads?')) return { status: 200, body: { data: [thread], total: 1, limit: 20, offset: 0 } };
      if (init?.method === 'DELETE' && url === `/api/email/threads/${THREAD}/links/contact/${CONTACT}`) return { status: 200, body: { data: thread } };
      if (init?.method === 'POST' && url === `/api/email/threads/${THREAD}/links`) return { status: 200, body: { data: thread } };
      return undefined;
    });
    renderWithProviders(<EmailPanel entityType="contact" entityId={CONTACT} name="Jane Doe" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Unlink Jane Doe' }));
    await userEvent.click(await screen.findByTestId('email-link-again'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === `/api/email/threads/${THREAD}/links`)).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ entityType: 'contact', entityId: CONTACT });
    expect(calls.some((c) => c.method === 'DELETE' && c.url === `/api/email/threads/${THREAD}/links/contact/${CONTACT}`)).toBe(true);
  });

  it('asks before "Do not capture email" and says bodies go', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/email/capture-blocks/') && init?.method === 'PUT')
        return {
          status: 200,
          body: { data: { entityType: 'contact', entityId: CONTACT, blocked: true, blockedAt: '2031-03-14T15:00:00.000Z', blockedBy: 'Casey' } },
        };
      if (url.startsWith('/api/email/capture-blocks/'))
        return { status: 200, body: { data: { entityType: 'contact', entityId: CONTACT, blocked: false, blockedAt: null, blockedBy: null } } };
      return undefined;
    });
    renderWithProviders(<EmailPanel entityType="contact" entityId={CONTACT} name="Jane Doe" />);
    const toggle = await screen.findByRole('switch', { name: 'Do not capture email' });
    await waitFor(() => expect(toggle).toBeEnabled());
    await userEvent.click(toggle);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('bodies and attachments');
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Do not capture' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT' && c.url === `/api/email/capture-blocks/contact/${CONTACT}`)).toBe(true));
  });
});

describe('mailboxChanges', () => {
  it('sends only what changed, and a password only when one was typed', () => {
    const same = { label: mailbox.label, folders: mailbox.folders, ownerUserId: null, password: '' };
    expect(mailboxChanges(mailbox, same)).toEqual({});
    expect(mailboxChanges(mailbox, { ...same, label: ' Team inbox ', folders: ['INBOX'], password: 'new-app-password' })).toEqual({
      label: 'Team inbox',
      folders: ['INBOX'],
      password: 'new-app-password',
    });
    expect(mailboxChanges(mailbox, { ...same, folders: [] })).toEqual({});
  });
});

describe('Settings → Email', () => {
  beforeEach(() => setCsrfToken('csrf-test'));

  it('shows each mailbox with its last run, syncs now and shows a failed run in red', async () => {
    const failed = run({
      status: 'failed',
      errors: 1,
      errorMessages: ['Cannot connect to 127.0.0.1:1: connection refused'],
      fetched: 0,
      stored: 0,
      matched: 0,
      duplicates: 0,
    });
    let synced = false;
    const calls = mockApi((url, init) => {
      if (url === '/api/email/mailboxes')
        return { status: 200, body: { data: [synced ? { ...mailbox, lastRun: failed } : mailbox], total: 1, limit: 50, offset: 0 } };
      if (init?.method === 'POST' && url === `/api/email/mailboxes/${MAILBOX}/sync`) {
        synced = true;
        return { status: 200, body: { data: failed } };
      }
      return undefined;
    });
    renderWithProviders(<EmailSettings />, { user: admin });
    const row = await screen.findByTestId('mailbox-row');
    expect(row).toHaveTextContent('Partner inbox');
    expect(row).toHaveTextContent('imap.fund.example:993 (TLS)');
    expect(row).toHaveTextContent('INBOX, Sent');
    expect(row).toHaveTextContent('12 fetched · 10 stored · 4 matched · 2 duplicates · 0 errors');
    expect(row).toHaveAttribute('data-failing', 'false');
    await userEvent.click(within(row).getByTestId('mailbox-sync-now'));
    await waitFor(() => expect(screen.getByTestId('mailbox-row')).toHaveAttribute('data-failing', 'true'));
    expect(within(screen.getByTestId('mailbox-row')).getByTestId('mailbox-run-errors')).toHaveTextContent('connection refused');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('validates the IMAP form, sends the mailbox and never shows the password again', async () => {
    const calls = mockApi((url, init) => {
      if (url === '/api/email/mailboxes' && init?.method === 'POST') return { status: 201, body: { data: { ...mailbox, id: 'new' } } };
      if (url === '/api/email/mailboxes') return { status: 200, body: { data: [], total: 0, limit: 50, offset: 0 } };
      return undefined;
    });
    renderWithProviders(<EmailSettings />, { user: admin });
    await userEvent.click(await screen.findByTestId('add-imap-mailbox'));
    await userEvent.click(screen.getByTestId('mailbox-save'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    expect(await screen.findByTestId('add-mailbox-modal')).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('mailbox-host'), '127.0.0.1');
    await userEvent.type(screen.getByTestId('mailbox-username'), 'casey@fund.example');
    await userEvent.type(screen.getByTestId('mailbox-password'), 's3cret-app-password');
    await userEvent.click(screen.getByTestId('mailbox-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      kind: 'imap',
      host: '127.0.0.1',
      port: 993,
      secure: true,
      username: 'casey@fund.example',
      password: 's3cret-app-password',
      allowUntrustedCertificate: false,
    });
    await waitFor(() => expect(screen.queryByTestId('add-mailbox-modal')).toBeNull());
    expect(document.body.innerHTML).not.toContain('s3cret-app-password');
  });
});
