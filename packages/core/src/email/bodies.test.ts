import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write } from '../kernel/write.js';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { parseBody, sanitizeEmailHtml, storeBodies } from './ingest/bodies.js';
import { addContact, addTestMailbox, addUser, syncFromMemory, uniqueParty } from './testing/fixtures.js';
import { MemoryMailbox } from './testing/memory-provider.js';
import { buildMessage } from './testing/messages.js';

const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('email HTML', () => {
  it('drops scripts, styles, frames, forms, event handlers and remote images; keeps inline images and safe links', () => {
    const html = sanitizeEmailHtml(
      [
        '<p onclick="steal()">Hello <b>LP</b></p>',
        '<script>alert(1)</script><style>p{color:red}</style>',
        '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="x"></form>',
        '<img src="https://tracker.example/open.gif" onerror="alert(2)">',
        '<img src="cid:logo@fund" alt="logo">',
        '<a href="https://fund.example/report" onmouseover="x()">report</a>',
        '<a href="javascript:alert(3)">bad</a>',
      ].join(''),
    );
    expect(html).toContain('<p>Hello <b>LP</b></p>');
    expect(html).toContain('<img src="cid:logo@fund" alt="logo" />');
    expect(html).toContain('<a href="https://fund.example/report" rel="noopener noreferrer" target="_blank">report</a>');
    for (const gone of ['script', 'alert', 'style', 'color:red', 'iframe', 'form', 'input', 'tracker.example', 'onerror', 'onclick', 'onmouseover', 'javascript']) expect(html).not.toContain(gone);
  });

  it('derives text from HTML when the message has no text part, and a collapsed 200-character snippet', async () => {
    const body = await parseBody(
      Buffer.from(
        'From: a@b.example\r\nTo: c@d.example\r\nSubject: html only\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Quarterly   letter</p><p>' + 'x'.repeat(300) + '</p>\r\n',
      ),
    );
    expect(body.bodyText).toMatch(/^Quarterly letter/);
    expect(body.snippet).toHaveLength(200);
    expect(body.snippet.startsWith('Quarterly letter x')).toBe(true);
    expect(body.bodyHtml).toContain('<p>Quarterly   letter</p>');
  });
});

describe.each(testDialects())('email bodies and attachments on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const row = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirstOrThrow();

  it('stores attachments by SHA-256, each blob once, and sanitized HTML for a matched message', async () => {
    const lp = uniqueParty('Attach');
    await addContact(core, lp.name, [lp.email]);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    const deck = { filename: 'deck.pdf', contentType: 'application/pdf', content: Buffer.from(`%PDF-1.4 deck for ${lp.domain}`) };
    const html = '<p>See deck</p><img src="https://tracker.example/p.gif"><script>x()</script>';
    mailbox.append('INBOX', buildMessage({ messageId: `a1-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Deck', date: '2031-03-01T10:00:00Z', text: 'See deck', html, attachments: [deck] }));
    mailbox.append('INBOX', buildMessage({ messageId: `a2-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Deck again', date: '2031-03-02T10:00:00Z', text: 'Again', attachments: [deck] }));
    // Unmatched with the same file: no attachment rows at all.
    mailbox.append('INBOX', buildMessage({ messageId: `a3-${lp.domain}`, from: 'stranger@elsewhere.example', to: ['us@ourfund.example'], subject: 'Deck', date: '2031-03-02T10:00:00Z', text: 'x', attachments: [deck] }));
    expect(await syncFromMemory(core, id, mailbox)).toMatchObject({ stored: 3, matched: 2 });
    const first = await row(`a1-${lp.domain}`);
    expect(first).toMatchObject({ hasBody: 1, bodyText: 'See deck', snippet: 'See deck' });
    expect(first.bodyHtml).toBe('<p>See deck</p>');
    const attachments = await core.db.selectFrom('emailAttachments').selectAll().where('sha256', '=', sha(deck.content)).execute();
    expect(attachments.map((a) => [a.filename, a.contentType, a.size, a.stored, a.position])).toEqual([
      ['deck.pdf', 'application/pdf', deck.content.length, 1, 0],
      ['deck.pdf', 'application/pdf', deck.content.length, 1, 0],
    ]);
    const blobs = await core.db.selectFrom('emailBlobs').selectAll().where('sha256', '=', sha(deck.content)).execute();
    expect(blobs).toHaveLength(1);
    expect(Buffer.from(blobs[0]?.content as Uint8Array).equals(deck.content)).toBe(true);
    const unmatched = await row(`a3-${lp.domain}`);
    expect(await core.db.selectFrom('emailAttachments').select('id').where('messageRowId', '=', unmatched.id).execute()).toEqual([]);
  });

  it('lists an attachment over the size limit without keeping its bytes', async () => {
    const lp = uniqueParty('Large');
    await addContact(core, lp.name, [lp.email]);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    const big = { filename: 'big.bin', contentType: 'application/octet-stream', content: Buffer.alloc(4096, 7) };
    const small = { filename: 'small.txt', contentType: 'text/plain', content: Buffer.from(`small ${lp.domain}`) };
    const source = buildMessage({ messageId: `big-${lp.domain}`, from: lp.email, to: ['us@ourfund.example'], subject: 'Files', date: '2031-03-01T10:00:00Z', text: 'two files', attachments: [big, small] });
    mailbox.append('INBOX', source);
    await syncFromMemory(core, id, mailbox);
    const message = await row(`big-${lp.domain}`);
    await write(core, testActor(), async (scope) => storeBodies(scope, [{ messageRowId: message.id, body: await parseBody(source) }], 1024));
    const rows = await core.db.selectFrom('emailAttachments').select(['filename', 'size', 'stored', 'sha256']).where('messageRowId', '=', message.id).orderBy('position').execute();
    expect(rows).toEqual([
      { filename: 'big.bin', size: 4096, stored: 0, sha256: sha(big.content) },
      { filename: 'small.txt', size: small.content.length, stored: 1, sha256: sha(small.content) },
    ]);
    // The first pass (25 MiB limit) kept the big file's bytes; now nothing kept refers to them, so they are gone.
    expect(await core.db.selectFrom('emailBlobs').select('sha256').where('sha256', '=', sha(big.content)).execute()).toEqual([]);
    expect(await core.db.selectFrom('emailBlobs').select('sha256').where('sha256', '=', sha(small.content)).execute()).toHaveLength(1);
  });

  it('feeds the direction to relationships: an inbound mail answered from the Sent folder is reciprocated', async () => {
    const lp = uniqueParty('Recip');
    const contactId = await addContact(core, lp.name, [lp.email]);
    const us = `partner-${lp.name.toLowerCase()}@ourfund.example`;
    const ownerId = await addUser(core, `partner${lp.name.toLowerCase()}`, us);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core, { address: us, ownerUserId: ownerId });
    mailbox.append('INBOX', buildMessage({ messageId: `q-${lp.domain}`, from: lp.email, to: [us], subject: 'Question on fees', date: '2031-03-10T10:00:00Z', text: '?' }));
    mailbox.append('Sent', buildMessage({ messageId: `r-${lp.domain}`, from: us, to: [lp.email], subject: 'Re: Question on fees', date: '2031-03-10T12:00:00Z', text: '!', inReplyTo: `q-${lp.domain}` }));
    await syncFromMemory(core, id, mailbox);
    await core.dispatcher.drain();
    const edge = await core.db.selectFrom('relationshipEdges').selectAll().where('kind', '=', 'knows').where('fromId', '=', ownerId).where('toId', '=', contactId).executeTakeFirstOrThrow();
    const evidence = JSON.parse(edge.evidenceJson) as { kind: string }[];
    expect(evidence.map((e) => e.kind)).toEqual(['reciprocated_email', 'reciprocated_email']);

    // One way only (two messages from us, no answer): not reciprocated, though the subjects match.
    const quiet = uniqueParty('Quiet');
    const quietId = await addContact(core, quiet.name, [quiet.email]);
    mailbox.append('Sent', buildMessage({ messageId: `s1-${quiet.domain}`, from: us, to: [quiet.email], subject: 'Fund IV', date: '2031-03-11T10:00:00Z', text: 'a' }));
    mailbox.append('Sent', buildMessage({ messageId: `s2-${quiet.domain}`, from: us, to: [quiet.email], subject: 'Re: Fund IV', date: '2031-03-12T10:00:00Z', text: 'b', inReplyTo: `s1-${quiet.domain}` }));
    await syncFromMemory(core, id, mailbox);
    await core.dispatcher.drain();
    const quietEdge = await core.db.selectFrom('relationshipEdges').selectAll().where('kind', '=', 'knows').where('fromId', '=', ownerId).where('toId', '=', quietId).executeTakeFirstOrThrow();
    expect((JSON.parse(quietEdge.evidenceJson) as { kind: string }[]).map((e) => e.kind)).toEqual(['one_way_email', 'one_way_email']);
  });
});
