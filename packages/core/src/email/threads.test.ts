import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, testDialects, type TestCore } from '../testing/index.js';
import { addContact, addTestMailbox, syncFromMemory, uniqueParty } from './testing/fixtures.js';
import { MemoryMailbox } from './testing/memory-provider.js';
import { buildMessage } from './testing/messages.js';

describe.each(testDialects())('email threads on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const row = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirstOrThrow();
  const thread = (id: string) => core.db.selectFrom('emailThreads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('joins a reply that arrived before the original, and a reply from the Sent folder, into one thread', async () => {
    const lp = uniqueParty('Thread');
    await addContact(core, lp.name, [lp.email]);
    const us = `gp@${lp.domain.replace('thread', 'ourfund')}`;
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core, { address: us });
    const original = `orig-${lp.domain}`;
    const reply = `reply-${lp.domain}`;
    // The LP's reply to us is synced first (the original came from another mailbox later).
    mailbox.append('INBOX', buildMessage({ messageId: reply, from: lp.email, to: [us], subject: 'Re: Fund III close', date: '2031-02-02T09:00:00Z', inReplyTo: original, references: [original] }));
    await syncFromMemory(core, id, mailbox);
    mailbox.append('INBOX', buildMessage({ messageId: original, from: lp.email, to: [us], subject: 'Fund III close', date: '2031-02-01T09:00:00Z' }));
    await syncFromMemory(core, id, mailbox);
    // Our answer, from the Sent folder, naming only the reply.
    const answer = `answer-${lp.domain}`;
    mailbox.append('Sent', buildMessage({ messageId: answer, from: us, to: [lp.email], subject: 'Re: Fund III close', date: '2031-02-03T09:00:00Z', inReplyTo: reply, references: [reply] }));
    await syncFromMemory(core, id, mailbox);

    const [o, r, a] = [await row(original), await row(reply), await row(answer)];
    expect(r.threadId).toBe(o.threadId);
    expect(a.threadId).toBe(o.threadId);
    expect([o.direction, r.direction, a.direction]).toEqual(['inbound', 'inbound', 'outbound']);
    expect(await thread(o.threadId)).toMatchObject({ subject: 'Fund III close', firstAt: '2031-02-01T09:00:00.000Z', lastAt: '2031-02-03T09:00:00.000Z' });
    const refs = await core.db.selectFrom('emailMessageRefs').select('refMessageId').where('messageRowId', '=', a.id).execute();
    expect(refs.map((x) => x.refMessageId)).toEqual([reply]);
    const addresses = await core.db.selectFrom('emailMessageAddresses').select(['role', 'address']).where('messageRowId', '=', a.id).orderBy('role').execute();
    expect(addresses).toEqual([
      { role: 'from', address: us },
      { role: 'to', address: lp.email },
    ]);
  });

  it('merges two threads when a message references both, in one batch or across syncs', async () => {
    const lp = uniqueParty('Merge');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    const [x, y, z] = ['x', 'y', 'z'].map((n) => `${n}-${lp.domain}`) as [string, string, string];
    mailbox.append('INBOX', buildMessage({ messageId: x, from: lp.email, to: ['a@b.example'], subject: 'X', date: '2031-01-01T00:00:00Z' }));
    mailbox.append('INBOX', buildMessage({ messageId: y, from: lp.email, to: ['a@b.example'], subject: 'Y', date: '2031-01-02T00:00:00Z' }));
    await syncFromMemory(core, id, mailbox);
    expect((await row(x)).threadId).not.toBe((await row(y)).threadId);
    const absorbed = [(await row(x)).threadId, (await row(y)).threadId];
    mailbox.append('INBOX', buildMessage({ messageId: z, from: lp.email, to: ['a@b.example'], subject: 'Re: X and Y', date: '2031-01-03T00:00:00Z', references: [x, y] }));
    await syncFromMemory(core, id, mailbox);
    const threadId = (await row(z)).threadId;
    expect((await row(x)).threadId).toBe(threadId);
    expect((await row(y)).threadId).toBe(threadId);
    const left = await core.db.selectFrom('emailThreads').select('id').where('id', 'in', absorbed).execute();
    expect(left).toHaveLength(1);
    expect(await thread(threadId)).toMatchObject({ subject: 'X', firstAt: '2031-01-01T00:00:00.000Z', lastAt: '2031-01-03T00:00:00.000Z' });

    // The same within a single batch: a reply first, then two originals it names.
    const [p, q, s] = ['p', 'q', 's'].map((n) => `${n}-${lp.domain}`) as [string, string, string];
    const other = new MemoryMailbox();
    other.append('INBOX', buildMessage({ messageId: s, from: lp.email, to: ['a@b.example'], subject: 'Re: both', date: '2031-01-06T00:00:00Z', references: [p, q] }));
    other.append('INBOX', buildMessage({ messageId: p, from: lp.email, to: ['a@b.example'], subject: 'P', date: '2031-01-04T00:00:00Z' }));
    other.append('INBOX', buildMessage({ messageId: q, from: lp.email, to: ['a@b.example'], subject: 'Q', date: '2031-01-05T00:00:00Z', inReplyTo: p }));
    await syncFromMemory(core, await addTestMailbox(core), other);
    const ids = new Set([(await row(p)).threadId, (await row(q)).threadId, (await row(s)).threadId]);
    expect(ids.size).toBe(1);
    expect(await thread([...ids][0] as string)).toMatchObject({ subject: 'P', firstAt: '2031-01-04T00:00:00.000Z' });
  });

  it('threads by the provider thread id when the headers say nothing', async () => {
    const lp = uniqueParty('Gmail');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    mailbox.append('INBOX', buildMessage({ messageId: `g1-${lp.domain}`, from: lp.email, to: ['a@b.example'], subject: 'One', date: '2031-01-01T00:00:00Z' }), { providerThreadId: `t-${lp.domain}` });
    await syncFromMemory(core, id, mailbox);
    mailbox.append('INBOX', buildMessage({ messageId: `g2-${lp.domain}`, from: lp.email, to: ['a@b.example'], subject: 'Two', date: '2031-01-02T00:00:00Z' }), { providerThreadId: `t-${lp.domain}` });
    mailbox.append('INBOX', buildMessage({ messageId: `g3-${lp.domain}`, from: lp.email, to: ['a@b.example'], subject: 'Three', date: '2031-01-02T00:00:00Z' }));
    await syncFromMemory(core, id, mailbox);
    expect((await row(`g2-${lp.domain}`)).threadId).toBe((await row(`g1-${lp.domain}`)).threadId);
    expect((await row(`g3-${lp.domain}`)).threadId).not.toBe((await row(`g1-${lp.domain}`)).threadId);
  });

  it('gives a message without a Message-ID a stable hash id and a missing date the received time', async () => {
    const lp = uniqueParty('NoId');
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    const source = Buffer.from(`From: ${lp.email}\r\nTo: a@b.example\r\nSubject: no id\r\n\r\nhello\r\n`);
    mailbox.append('INBOX', source, { receivedAt: '2031-01-09T08:00:00Z' });
    mailbox.append('Sent', source, { receivedAt: '2031-01-09T08:00:00Z' });
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ stored: 1, duplicates: 1 });
    const stored = await core.db.selectFrom('emailMessages').selectAll().where('subject', '=', 'no id').where('fromJson', 'like', `%${lp.email}%`).executeTakeFirstOrThrow();
    expect(stored.messageId).toMatch(/^[0-9a-f]{64}@lpdesk\.invalid$/);
    expect(stored.sentAt).toBe('2031-01-09T08:00:00.000Z');
    // Seen in the Sent folder too: it was ours.
    expect(stored.direction).toBe('outbound');
  });
});
