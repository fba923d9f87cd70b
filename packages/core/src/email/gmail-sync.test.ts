import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { createMailbox } from './mailboxes/index.js';
import { gmailProvider } from './providers/gmail.js';
import { syncMailbox } from './sync.js';
import { addContact } from './testing/fixtures.js';
import { FakeGmail } from './testing/gmail-fake.js';
import { buildMessage } from './testing/messages.js';

// A Gmail mailbox end to end: enrolled, synced in full, then by history; SENT mail is outbound.
describe.each(testDialects())('Gmail sync on %s', (dialect) => {
  let core: TestCore;
  const gmail = new FakeGmail();
  beforeAll(async () => {
    core = await openTestCore(dialect);
    await gmail.start();
  });
  afterAll(async () => {
    await gmail.stop();
    await core.dispose();
  });

  it('syncs labels, threads a sent reply, and picks up new mail from the history', async () => {
    const domain = `${dialect}.gmail-lp.example.org`;
    await addContact(core, 'Gmailer', [`dana@${domain}`]);
    const mailbox = await createMailbox(core, testActor(), { kind: 'gmail', userEmail: 'partner@fund.example.com', auth: { mode: 'oauth', clientId: 'c', clientSecret: 's', refreshToken: 'r' } });
    const sync = () => syncMailbox(core, testActor(), mailbox.id, { trigger: 'manual', provider: gmailProvider, connection: gmail.connection() });
    gmail.add('INBOX', buildMessage({ messageId: `ask@${domain}`, from: `Dana <dana@${domain}>`, to: ['partner@fund.example.com'], subject: 'Side letter', date: '2031-03-10T09:00:00.000Z', text: 'Can we talk about the side letter?' }));
    gmail.add('SENT', buildMessage({ messageId: `answer-${dialect}@fund.example.com`, from: 'partner@fund.example.com', to: [`dana@${domain}`], subject: 'Re: Side letter', date: '2031-03-10T10:00:00.000Z', inReplyTo: `ask@${domain}`, references: [`ask@${domain}`], text: 'Of course.' }));
    const first = await sync();
    expect(first).toMatchObject({ status: 'succeeded', fetched: 2, stored: 2, matched: 2, errors: 0 });
    const rows = await core.db.selectFrom('emailMessages').select(['messageId', 'threadId', 'direction', 'hasBody']).where('messageId', 'in', [`ask@${domain}`, `answer-${dialect}@fund.example.com`]).orderBy('sentAt').execute();
    expect(rows.map((r) => [r.direction, r.hasBody])).toEqual([
      ['inbound', 1],
      ['outbound', 1],
    ]);
    expect(rows[0]?.threadId).toBe(rows[1]?.threadId);
    const cursors = await core.db.selectFrom('emailFolderCursors').select(['folder', 'historyId']).where('mailboxId', '=', mailbox.id).orderBy('folder').execute();
    expect(cursors.map((c) => c.folder)).toEqual(['INBOX', 'SENT']);
    expect(cursors.every((c) => c.historyId !== null)).toBe(true);

    expect(await sync()).toMatchObject({ status: 'succeeded', fetched: 0, stored: 0 });
    gmail.add('INBOX', buildMessage({ messageId: `thanks@${domain}`, from: `dana@${domain}`, to: ['partner@fund.example.com'], subject: 'Re: Side letter', date: '2031-03-10T11:00:00.000Z', inReplyTo: `answer-${dialect}@fund.example.com`, text: 'Thanks!' }));
    expect(await sync()).toMatchObject({ status: 'succeeded', fetched: 1, stored: 1, matched: 1 });
  });
});
