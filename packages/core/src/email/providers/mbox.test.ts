import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../testing/messages.js';
import { headerValue } from './mail-files.js';
import { mboxProvider } from './mbox.js';
import { providerFor } from './index.js';
import { type FolderCursor, type MailSession, MailSourceError, type MessageEnvelope } from './types.js';

const fixture = (name: string) => fileURLToPath(new URL(`../testing/fixtures/${name}`, import.meta.url));

async function drain(session: MailSession, folder: string, cursor: FolderCursor | null = null) {
  const changes = await session.changes(folder, cursor);
  const envelopes: MessageEnvelope[] = [];
  const batchSizes: number[] = [];
  for await (const batch of changes.batches) {
    batchSizes.push(batch.length);
    envelopes.push(...batch);
  }
  return { envelopes, batchSizes, cursor: changes.cursor, reset: changes.reset };
}

async function sourcesOf(session: MailSession, folder: string, locators: string[]) {
  const out: string[] = [];
  for await (const raw of session.sources(folder, locators)) out.push(raw.source.toString('utf8'));
  return out;
}

describe('mbox and eml provider', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lpdesk-mbox-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the registered provider for mbox mailboxes', () => {
    expect(providerFor('mbox')).toBe(mboxProvider);
  });

  it('reads a Takeout mbox: separators, folded headers, thread ids, Sent labels, >From unquoting', async () => {
    const session = await mboxProvider.open({ kind: 'mbox', files: [fixture('takeout.mbox')] });
    expect(await session.folders()).toEqual(['takeout.mbox']);
    const { envelopes, cursor, reset } = await drain(session, 'takeout.mbox');
    expect(reset).toBe(false);
    expect(envelopes.map((e) => headerValue(e.headers, 'Message-ID'))).toEqual(['<q1-report@lp.example.org>', '<re-q1-report@fund.example.com>', '<newsletter-88@news.example.net>']);
    expect(envelopes.map((e) => e.providerThreadId)).toEqual(['1791234567890123456', '1791234567890123456', '1791999999999999999']);
    expect(envelopes.map((e) => e.isSent ?? false)).toEqual([false, true, false]);
    expect(envelopes.map((e) => e.receivedAt)).toEqual(['2031-03-07T09:15:00.000Z', '2031-03-07T11:02:00.000Z', '2031-03-08T08:00:00.000Z']);
    expect(headerValue(envelopes[2]?.headers ?? Buffer.alloc(0), 'Subject')).toBe('Weekly digest');
    // The header block stops before the blank line: no body in an envelope.
    expect(envelopes[0]?.headers.toString()).not.toContain('Thanks');
    expect(envelopes[0]?.headers.toString().endsWith('charset=utf-8\n')).toBe(true);
    expect(cursor).toMatchObject({ folder: 'takeout.mbox', lastUid: 3, historyId: null });

    const [first, second] = await sourcesOf(session, 'takeout.mbox', [envelopes[0]?.locator ?? '', envelopes[1]?.locator ?? '']);
    expect(first).toContain('\nFrom our side, the numbers look fine.\n>From the quoted reply, too.\n');
    expect(first?.endsWith('too.\n')).toBe(true);
    expect(first).not.toContain('From 1791');
    // A "From " line mid-paragraph is body text, not a new message.
    expect(second).toContain('Happy to walk you through them.\nFrom memory the fees are 2%.\n');
    expect(second?.startsWith('X-GM-THRID: 1791234567890123456\n')).toBe(true);
    await session.close();
  });

  it('reads an .eml as one message, body untouched', async () => {
    const session = await mboxProvider.open({ kind: 'mbox', files: [fixture('single.eml')] });
    const { envelopes, cursor } = await drain(session, 'single.eml');
    expect(envelopes).toHaveLength(1);
    expect(headerValue(envelopes[0]?.headers ?? Buffer.alloc(0), 'Subject')).toBe('Commitment paperwork');
    expect(envelopes[0]?.providerThreadId).toBeNull();
    expect(cursor.lastUid).toBe(1);
    const [source] = await sourcesOf(session, 'single.eml', [envelopes[0]?.locator ?? '']);
    expect(source).toContain('\nFrom here on, the wire follows.\n');
    expect(source?.startsWith('Message-ID: <single-eml@lp.example.org>')).toBe(true);
  });

  it('streams a large CRLF mbox in batches, with locators that read back the exact message', async () => {
    const path = join(dir, 'big.mbox');
    const count = 450;
    const messages = Array.from({ length: count }, (_, i) =>
      buildMessage({ messageId: `m${i}@bulk.example.org`, from: `lp${i}@lp.example.org`, to: ['partner@fund.example.com'], subject: `Bulk ${i}`, date: '2031-03-01T10:00:00.000Z', text: `Line one of ${i}\r\nFrom a quoted start\r\n`, attachments: i % 100 === 0 ? [{ filename: 'deck.pdf', contentType: 'application/pdf', content: Buffer.alloc(3000, i % 256) }] : [] }),
    );
    // mboxrd: body lines starting with "From " are quoted as ">From ".
    const mbox = messages.map((m) => `From MAILER-DAEMON Sat Mar 01 10:00:00 2031\r\n${m.toString('utf8').replace(/\r\nFrom /g, '\r\n>From ')}\r\n`).join('');
    await writeFile(path, mbox);
    const session = await mboxProvider.open({ kind: 'mbox', files: [path] });
    const { envelopes, batchSizes, cursor } = await drain(session, 'big.mbox');
    expect(batchSizes).toEqual([200, 200, 50]);
    expect(envelopes.map((e) => headerValue(e.headers, 'Message-ID'))).toEqual(messages.map((_, i) => `<m${i}@bulk.example.org>`));
    const picked = [0, 100, 449];
    const sources = await sourcesOf(session, 'big.mbox', picked.map((i) => envelopes[i]?.locator ?? ''));
    expect(sources).toEqual(picked.map((i) => messages[i]?.toString('utf8')));
    expect(cursor.lastUid).toBe(count);

    // The same file again from its cursor: nothing new. Grown by one: only the new one.
    expect((await drain(session, 'big.mbox', cursor)).envelopes).toHaveLength(0);
    const extra = buildMessage({ messageId: 'late@bulk.example.org', from: 'late@lp.example.org', to: ['partner@fund.example.com'], subject: 'Late', date: '2031-03-02T10:00:00.000Z', text: 'late' });
    await writeFile(path, `${mbox}From MAILER-DAEMON Sun Mar 02 10:00:00 2031\r\n${extra.toString('utf8')}\r\n`);
    const grown = await mboxProvider.open({ kind: 'mbox', files: [path] });
    const again = await drain(grown, 'big.mbox', cursor);
    expect(again.envelopes.map((e) => headerValue(e.headers, 'Message-ID'))).toEqual(['<late@bulk.example.org>']);
    expect(again.cursor.lastUid).toBe(count + 1);
    // Another file under the same name starts over.
    await writeFile(path, `From x Sun Mar 02 10:00:00 2031\n${extra.toString('utf8')}\n`);
    const replaced = await drain(await mboxProvider.open({ kind: 'mbox', files: [path] }), 'big.mbox', again.cursor);
    expect(replaced.reset).toBe(true);
    expect(replaced.envelopes).toHaveLength(1);
  });

  it('fails clearly on a missing file, a directory, an unknown folder or a bad locator', async () => {
    await expect(mboxProvider.open({ kind: 'mbox', files: [join(dir, 'nope.mbox')] })).rejects.toThrow(/No such file: .*nope\.mbox/);
    await expect(mboxProvider.open({ kind: 'mbox', files: [dir] })).rejects.toBeInstanceOf(MailSourceError);
    const session = await mboxProvider.open({ kind: 'mbox', files: [fixture('single.eml')] });
    await expect(session.changes('other.mbox', null)).rejects.toBeInstanceOf(MailSourceError);
    await expect(sourcesOf(session, 'single.eml', ['0-99999999'])).rejects.toBeInstanceOf(MailSourceError);
    await expect(sourcesOf(session, 'single.eml', ['x'])).rejects.toBeInstanceOf(MailSourceError);
  });
});
