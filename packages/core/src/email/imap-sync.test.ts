import { createHash } from 'node:crypto';
import { ImapMailboxCreateInput } from '@lpdesk/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { openTestCore, type TestCore, testActor, testDialects } from '../testing/index.js';
import { createMailbox, updateMailbox } from './mailboxes/index.js';
import { syncMailbox } from './sync.js';
import { type Dovecot, dovecotSkipReason, startDovecot } from './testing/dovecot.js';
import { buildMessage, type TestMessage } from './testing/messages.js';
import { startMailWatchers } from './watch.js';

// The whole capture path against a real IMAP server: Dovecot started by the test, messages APPENDed.

const skip = dovecotSkipReason();
let dovecot: Dovecot;
let users = 0;

beforeAll(async () => {
  if (!skip) dovecot = await startDovecot();
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
});

describe.skipIf(skip !== null).each(testDialects())(`email sync against Dovecot on %s${skip ? ` (skipped: ${skip})` : ''}`, (dialect) => {
  let core: TestCore;
  const actor = testActor();
  const ctx = () => ({ core, actor });
  beforeAll(async () => {
    core = await openTestCore(dialect, { pollMs: 100 });
  }, 60_000);
  afterAll(async () => {
    await core?.dispose();
  });
  afterEach(async () => {
    await core.jobs.stop();
  });

  /** A fresh IMAP user (INBOX and Sent) enrolled as a mailbox. */
  const enrol = async (name: string) => {
    const username = `${name}-${++users}@fund.example`;
    await dovecot.addUser(username, 'pw');
    const input = ImapMailboxCreateInput.parse({ kind: 'imap', host: dovecot.host, port: dovecot.port, secure: false, username, password: 'pw', label: username });
    const mailbox = await createMailbox(core, actor, input);
    return { id: mailbox.id, username, append: (folder: string, message: TestMessage) => dovecot.append(username, folder, buildMessage(message)) };
  };
  const sync = (mailboxId: string) => syncMailbox(core, actor, mailboxId, { trigger: 'manual' });
  const message = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirst();
  const linksOf = (rowId: string) => core.db.selectFrom('emailLinks').select(['entityType', 'entityId', 'matchKind', 'confidence']).where('messageRowId', '=', rowId).execute();
  const contact = async (email: string) => (await invoke(operations.contacts.create, ctx(), { firstName: 'Lee', lastName: email.split('@')[0] ?? 'x', emails: [email] })).id;
  const organization = async (domain: string) => (await invoke(operations.organizations.create, ctx(), { name: `LP ${domain}`, emailDomains: [domain] })).id;
  const mail = (id: string, extra: Partial<TestMessage> = {}): TestMessage => ({ messageId: `${id}-${dialect}@mail.example`, from: 'stranger@elsewhere.example', to: ['team@fund.example'], subject: id, date: '2030-05-01T09:00:00.000Z', text: `Body of ${id}`, ...extra });

  it('syncs everything first, then only what is new, and nothing when idle', async () => {
    const box = await enrol('incremental');
    await box.append('INBOX', mail('inc-1'));
    await box.append('INBOX', mail('inc-2', { date: '2030-05-02T09:00:00.000Z' }));
    const first = await sync(box.id);
    expect(first).toMatchObject({ status: 'succeeded', fetched: 2, stored: 2, duplicates: 0, errors: 0 });
    await box.append('INBOX', mail('inc-3', { date: '2030-05-03T09:00:00.000Z' }));
    expect(await sync(box.id)).toMatchObject({ status: 'succeeded', fetched: 1, stored: 1 });
    expect(await sync(box.id)).toMatchObject({ status: 'succeeded', fetched: 0, stored: 0 });
    const cursor = await core.db.selectFrom('emailFolderCursors').selectAll().where('mailboxId', '=', box.id).where('folder', '=', 'INBOX').executeTakeFirstOrThrow();
    expect(cursor).toMatchObject({ lastUid: 3, uidValidity: await dovecot.uidValidity(box.username, 'INBOX') });
  });

  it('keeps bodies only of matched messages: exact address 1.0, organization domain 0.6, unmatched headers only', async () => {
    const box = await enrol('matching');
    const contactId = await contact(`jane-${dialect}@limited-partner.example`);
    const orgId = await organization(`pension-${dialect}.example`);
    await box.append('INBOX', mail('match-exact', { from: `Jane <jane-${dialect}@limited-partner.example>` }));
    await box.append('INBOX', mail('match-domain', { from: `cio@pension-${dialect}.example` }));
    await box.append('INBOX', mail('match-none', { from: 'someone@gmail.com' }));
    const run = await sync(box.id);
    expect(run).toMatchObject({ status: 'succeeded', fetched: 3, stored: 3, matched: 2 });

    const exact = await message(`match-exact-${dialect}@mail.example`);
    expect(exact).toMatchObject({ hasBody: 1, bodyText: expect.stringContaining('Body of match-exact') });
    expect(await linksOf(exact?.id ?? '')).toEqual([{ entityType: 'contact', entityId: contactId, matchKind: 'exact_email', confidence: 1 }]);
    const domain = await message(`match-domain-${dialect}@mail.example`);
    expect(domain?.hasBody).toBe(1);
    expect(await linksOf(domain?.id ?? '')).toEqual([{ entityType: 'organization', entityId: orgId, matchKind: 'domain', confidence: 0.6 }]);
    const none = await message(`match-none-${dialect}@mail.example`);
    expect(none).toMatchObject({ hasBody: 0, bodyText: null, bodyHtml: null });
    expect(await linksOf(none?.id ?? '')).toEqual([]);
  });

  it('stores attachments of matched mail content-addressed by SHA-256', async () => {
    const box = await enrol('attachments');
    await contact(`cfo-${dialect}@fundoffunds.example`);
    const content = Buffer.from(`%PDF-1.4 capital call notice ${dialect}`);
    await box.append('INBOX', mail('attach', { from: `cfo-${dialect}@fundoffunds.example`, attachments: [{ filename: 'notice.pdf', contentType: 'application/pdf', content }] }));
    await sync(box.id);
    const row = await message(`attach-${dialect}@mail.example`);
    const attachments = await core.db.selectFrom('emailAttachments').selectAll().where('messageRowId', '=', row?.id ?? '').execute();
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(attachments.map((a) => ({ filename: a.filename, size: a.size, sha256: a.sha256, stored: a.stored }))).toEqual([{ filename: 'notice.pdf', size: content.length, sha256, stored: 1 }]);
    const blob = await core.db.selectFrom('emailBlobs').selectAll().where('sha256', '=', sha256).executeTakeFirstOrThrow();
    expect(Buffer.from(blob.content).equals(content)).toBe(true);
  });

  it('threads a reply from the Sent folder with the message it answers', async () => {
    const box = await enrol('threads');
    await contact(`ir-${dialect}@endowment.example`);
    const original = mail('thread-q', { from: `ir-${dialect}@endowment.example`, to: [box.username], subject: 'Q3 report' });
    await box.append('INBOX', original);
    await box.append('Sent', mail('thread-a', { from: box.username, to: [`ir-${dialect}@endowment.example`], subject: 'Re: Q3 report', date: '2030-05-01T11:00:00.000Z', inReplyTo: original.messageId ?? '', references: [original.messageId ?? ''] }));
    const run = await sync(box.id);
    expect(run.folders.map((f) => f.folder).sort()).toEqual(['INBOX', 'Sent']);
    const question = await message(`thread-q-${dialect}@mail.example`);
    const answer = await message(`thread-a-${dialect}@mail.example`);
    expect(answer?.threadId).toBe(question?.threadId);
    expect(question?.direction).toBe('inbound');
    expect(answer?.direction).toBe('outbound');
  });

  it('stores a message seen in two mailboxes once, with a sighting in each', async () => {
    const one = await enrol('shared-a');
    const two = await enrol('shared-b');
    const shared = mail('shared', { to: [one.username, two.username] });
    await one.append('INBOX', shared);
    await two.append('INBOX', shared);
    expect(await sync(one.id)).toMatchObject({ stored: 1, duplicates: 0 });
    expect(await sync(two.id)).toMatchObject({ fetched: 1, stored: 0, duplicates: 1 });
    const row = await message(`shared-${dialect}@mail.example`);
    const sightings = await core.db.selectFrom('emailSightings').select(['mailboxId', 'folder']).where('messageRowId', '=', row?.id ?? '').orderBy('mailboxId').execute();
    expect(sightings).toEqual([one.id, two.id].sort().map((mailboxId) => ({ mailboxId, folder: 'INBOX' })));
  });

  it('reads a folder again when its UIDVALIDITY changes, without storing its messages twice', async () => {
    const box = await enrol('validity');
    await box.append('Sent', mail('valid-1', { from: box.username }));
    await box.append('Sent', mail('valid-2', { from: box.username }));
    expect(await sync(box.id)).toMatchObject({ stored: 2 });
    const before = await dovecot.uidValidity(box.username, 'Sent');
    await dovecot.resetUidValidity(box.username, 'Sent');
    const run = await sync(box.id);
    expect(run.status).toBe('succeeded');
    expect(run.stored).toBe(0);
    expect(run.folders.find((f) => f.folder === 'Sent')).toEqual({ folder: 'Sent', fetched: 2, reset: true });
    const cursor = await core.db.selectFrom('emailFolderCursors').selectAll().where('mailboxId', '=', box.id).where('folder', '=', 'Sent').executeTakeFirstOrThrow();
    expect(cursor.uidValidity).not.toBe(before);
    expect(cursor.uidValidity).toBe(await dovecot.uidValidity(box.username, 'Sent'));
    const stored = await core.db.selectFrom('emailMessages').select('id').where('messageId', 'in', [`valid-1-${dialect}@mail.example`, `valid-2-${dialect}@mail.example`]).execute();
    expect(stored).toHaveLength(2);
  });

  it('gives a message its body on the next sync once its sender becomes a contact', async () => {
    const box = await enrol('rematch');
    await box.append('INBOX', mail('rematch', { from: `newlp-${dialect}@family-office.example` }));
    await sync(box.id);
    expect((await message(`rematch-${dialect}@mail.example`))?.hasBody).toBe(0);
    const contactId = await contact(`newlp-${dialect}@family-office.example`);
    await core.dispatcher.drain();
    await sync(box.id);
    const row = await message(`rematch-${dialect}@mail.example`);
    expect(row).toMatchObject({ hasBody: 1, bodyText: expect.stringContaining('Body of rematch') });
    expect((await linksOf(row?.id ?? '')).map((l) => l.entityId)).toEqual([contactId]);
  });

  it('syncs a message that arrives during IDLE without anyone asking', async () => {
    const box = await enrol('idle');
    await box.append('INBOX', mail('idle-before'));
    await sync(box.id);
    await core.jobs.start({});
    const watchers = startMailWatchers(core, { refreshMs: 60_000, backoffMs: 100 });
    try {
      await waitFor(() => watchers.watching().includes(box.id), 5000);
      const idleRuns = () => core.db.selectFrom('emailSyncRuns').select(['status', 'stored']).where('mailboxId', '=', box.id).where('trigger', '=', 'idle').execute();
      // The watcher syncs once as it starts (news from before it watched); that run finds nothing new.
      await waitFor(async () => (await idleRuns()).some((run) => run.status === 'succeeded'), 10_000);
      expect((await idleRuns()).map((run) => run.stored)).toEqual([0]);
      // Let the watcher's IDLE begin before the news.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await box.append('INBOX', mail('idle-news', { date: '2030-05-02T09:00:00.000Z' }));
      // Stored by a run IDLE set off (the minute schedule is a minute of the test clock away).
      await waitFor(async () => (await idleRuns()).some((run) => run.status === 'succeeded' && run.stored === 1), 20_000);
      expect(await message(`idle-news-${dialect}@mail.example`)).toMatchObject({ subject: 'idle-news' });
      // A paused mailbox is no longer watched once the list is read again.
      await updateMailbox(core, actor, box.id, { paused: true });
      await watchers.refresh();
      expect(watchers.watching()).not.toContain(box.id);
    } finally {
      await watchers.stop();
    }
  }, 40_000);
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
