import { describe, expect, it } from 'vitest';
import { parseHeaders } from './ingest/parse.js';
import { buildMessage, headerBlock } from './testing/messages.js';

const NOW = '2031-03-14T15:00:00.000Z';
const lines = (...header: string[]) => Buffer.from(`${header.join('\r\n')}\r\n\r\n`, 'utf8');

describe('email header parsing', () => {
  it('reads ids, names, addresses, dates and references from plain headers', async () => {
    const source = buildMessage({
      messageId: 'abc@lp.example',
      from: '"Doe, Jane" <Jane.Doe@LP.example>',
      to: ['gp@fund.example', 'Bob <bob@mail.lp.example>'],
      cc: ['Team: a@fund.example, b@fund.example;'],
      subject: 'Re: Fund III',
      date: '2031-02-01T09:30:00Z',
      inReplyTo: 'orig@lp.example',
      references: ['root@lp.example', 'orig@lp.example'],
    });
    const parsed = await parseHeaders(headerBlock(source), { now: NOW });
    expect(parsed).toMatchObject({
      messageId: 'abc@lp.example',
      subject: 'Re: Fund III',
      from: { name: 'Doe, Jane', address: 'Jane.Doe@LP.example' },
      to: [
        { name: null, address: 'gp@fund.example' },
        { name: 'Bob', address: 'bob@mail.lp.example' },
      ],
      cc: [
        { name: null, address: 'a@fund.example' },
        { name: null, address: 'b@fund.example' },
      ],
      sentAt: '2031-02-01T09:30:00.000Z',
      inReplyTo: 'orig@lp.example',
      refs: ['root@lp.example', 'orig@lp.example'],
    });
    expect(parsed.addresses).toContainEqual({ role: 'from', address: 'jane.doe@lp.example', matchKey: 'jane.doe@lp.example', domain: 'lp.example' });
    expect(parsed.addresses).toContainEqual({ role: 'to', address: 'bob@mail.lp.example', matchKey: 'bob@mail.lp.example', domain: 'lp.example' });
  });

  it('decodes encoded words and 8-bit headers through mailparser, folded lines included', async () => {
    const parsed = await parseHeaders(
      lines('Message-ID: <enc@lp.example>', 'From: =?UTF-8?Q?Ren=C3=A9e_M=C3=BCller?= <renee@lp.example>', 'To: gp@fund.example', 'Subject: =?UTF-8?B?w5xiZXJzaWNodA==?=', '  and more', 'Date: Sat, 01 Feb 2031 09:30:00 +0100'),
      { now: NOW },
    );
    expect(parsed).toMatchObject({ messageId: 'enc@lp.example', subject: 'Übersicht and more', from: { name: 'Renée Müller', address: 'renee@lp.example' }, sentAt: '2031-02-01T08:30:00.000Z' });
    const utf8 = await parseHeaders(lines('Message-ID: <u8@lp.example>', 'From: Zoë <zoe@lp.example>', 'Subject: Café'), { now: NOW });
    expect(utf8).toMatchObject({ subject: 'Café', from: { name: 'Zoë', address: 'zoe@lp.example' } });
  });

  it('keeps Bcc, which only a sender\'s own copy carries, and names its addresses for matching', async () => {
    const source = buildMessage({ from: 'gp@fund.example', to: ['a@lp.example'], subject: 'Side note', date: '2031-02-01T09:30:00Z', headers: ['Bcc: Hidden <Hidden@Quiet.example>'] });
    const parsed = await parseHeaders(headerBlock(source), { now: NOW });
    expect(parsed.bcc).toEqual([{ name: 'Hidden', address: 'Hidden@Quiet.example' }]);
    expect(parsed.addresses.filter((a) => a.role === 'bcc').map((a) => a.domain)).toEqual(['quiet.example']);
  });

  it('falls back to the received time, then now, for a missing or unreadable Date; never the machine clock', async () => {
    for (const date of [[], ['Date: not a date at all']]) {
      const withReceived = await parseHeaders(lines('Message-ID: <d@lp.example>', 'From: a@lp.example', ...date), { receivedAt: '2031-01-05T10:00:00Z', now: NOW });
      expect(withReceived.sentAt).toBe('2031-01-05T10:00:00.000Z');
      const bare = await parseHeaders(lines('Message-ID: <d@lp.example>', 'From: a@lp.example', ...date), { now: NOW });
      expect(bare.sentAt).toBe(NOW);
    }
    // The same through the charset path (an encoded subject sends it to simpleParser).
    const encoded = await parseHeaders(lines('Message-ID: <e@lp.example>', 'From: a@lp.example', 'Subject: =?UTF-8?Q?caf=C3=A9?=', 'Date: garbage'), { now: NOW });
    expect(encoded).toMatchObject({ subject: 'café', sentAt: NOW });
  });

  it('hashes the headers into an id when there is no Message-ID, and refuses a block with no header at all', async () => {
    const block = lines('From: a@lp.example', 'Subject: no id');
    const first = await parseHeaders(block, { now: NOW });
    const again = await parseHeaders(block, { now: NOW });
    expect(first.messageId).toMatch(/^[0-9a-f]{64}@lpdesk\.invalid$/);
    expect(again.messageId).toBe(first.messageId);
    await expect(parseHeaders(Buffer.from('just some text\r\n'), { now: NOW })).rejects.toThrow(/no header fields/);
    await expect(parseHeaders(lines('X-Spam: yes'), { now: NOW })).rejects.toThrow(/no From/);
  });
});
