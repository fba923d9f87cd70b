import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { ingestEnvelopes } from './pipeline.js';
import { MailSourceError } from './providers/types.js';
import { syncMailbox } from './sync.js';
import { addContact, addTestMailbox, syncFromMemory, uniqueParty } from './testing/fixtures.js';
import { MemoryMailbox, memoryConnection, memoryProvider } from './testing/memory-provider.js';
import { buildMessage, headerBlock } from './testing/messages.js';

describe.each(testDialects())('email sync on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await openTestCore(dialect);
  });
  afterAll(() => core.dispose());

  const messageRow = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirstOrThrow();
  const sightings = (messageRowId: string) => core.db.selectFrom('emailSightings').selectAll().where('messageRowId', '=', messageRowId).orderBy('folder').execute();

  it('stores the first sync, then only what is new, and records each run', async () => {
    const lp = uniqueParty('Initial');
    await addContact(core, lp.name, [lp.email]);
    const mailbox = new MemoryMailbox();
    mailbox.batchSize = 2;
    const id = await addTestMailbox(core, { address: 'partner@ourfund.example' });
    for (let i = 1; i <= 3; i += 1) {
      mailbox.append('INBOX', buildMessage({ messageId: `init-${i}-${lp.domain}`, from: `Jo <${lp.email}>`, to: ['partner@ourfund.example'], subject: `Hello ${i}`, date: `2031-03-0${i}T10:00:00Z`, text: `Body ${i}` }));
    }
    mailbox.append('INBOX', buildMessage({ messageId: `stranger-${lp.domain}`, from: 'someone@nowhere-else.example', to: ['partner@ourfund.example'], subject: 'Cold pitch', date: '2031-03-04T10:00:00Z', text: 'Secret' }));
    const progress: number[] = [];
    const first = await syncFromMemory(core, id, mailbox, { onProgress: (p) => progress.push(p.fetched) });
    expect(first).toMatchObject({ mailboxId: id, trigger: 'manual', status: 'succeeded', fetched: 4, stored: 4, matched: 3, duplicates: 0, errors: 0, errorMessages: [] });
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(first.folders).toEqual([
      { folder: 'INBOX', fetched: 4, reset: false },
      { folder: 'Sent', fetched: 0, reset: false },
    ]);
    expect(progress).toEqual([2, 4]);
    const matched = await messageRow(`init-1-${lp.domain}`);
    expect(matched).toMatchObject({ hasBody: 1, needsBody: 0, bodyText: 'Body 1', snippet: 'Body 1', subject: 'Hello 1', direction: 'inbound', sentAt: '2031-03-01T10:00:00.000Z' });
    // Unmatched: headers only, and its whole message was never fetched.
    const stranger = await messageRow(`stranger-${lp.domain}`);
    expect(stranger).toMatchObject({ hasBody: 0, needsBody: 0, bodyText: null, bodyHtml: null, snippet: '', communicationId: null });
    const fetchedWhole = mailbox.sourceRequests.flatMap((r) => r.locators);
    expect(fetchedWhole.sort()).toEqual(['1', '2', '3']);

    const cursor = await core.db.selectFrom('emailFolderCursors').selectAll().where('mailboxId', '=', id).where('folder', '=', 'INBOX').executeTakeFirstOrThrow();
    expect(cursor).toMatchObject({ uidValidity: mailbox.uidValidity('INBOX') });
    expect(Number(cursor.lastUid)).toBe(4);

    mailbox.append('INBOX', buildMessage({ messageId: `init-5-${lp.domain}`, from: lp.email, to: ['partner@ourfund.example'], subject: 'Later', date: '2031-03-05T10:00:00Z', text: 'New' }));
    const second = await syncFromMemory(core, id, mailbox);
    expect(second).toMatchObject({ status: 'succeeded', fetched: 1, stored: 1, matched: 1, duplicates: 0 });
    const idle = await syncFromMemory(core, id, mailbox);
    expect(idle).toMatchObject({ status: 'succeeded', fetched: 0, stored: 0, matched: 0 });
    const runs = await core.db.selectFrom('emailSyncRuns').select(['status', 'fetched']).where('mailboxId', '=', id).orderBy('startedAt').execute();
    expect(runs.map((r) => [r.status, Number(r.fetched)])).toEqual([
      ['succeeded', 4],
      ['succeeded', 1],
      ['succeeded', 0],
    ]);
  });

  it('stores a message seen in two mailboxes once, with a sighting for each', async () => {
    const lp = uniqueParty('Twice');
    await addContact(core, lp.name, [lp.email]);
    const source = buildMessage({ messageId: `twice-${lp.domain}`, from: lp.email, to: ['a@ourfund.example', 'b@ourfund.example'], subject: 'To you both', date: '2031-03-06T10:00:00Z', text: 'Hi' });
    const a = new MemoryMailbox();
    const b = new MemoryMailbox();
    a.append('INBOX', source);
    b.append('INBOX', source);
    b.append('INBOX', source);
    const aId = await addTestMailbox(core, { address: 'a@ourfund.example' });
    const bId = await addTestMailbox(core, { address: 'b@ourfund.example' });
    expect(await syncFromMemory(core, aId, a)).toMatchObject({ stored: 1, duplicates: 0, matched: 1 });
    // Mailbox b holds it twice in one folder: one message, one sighting, both copies counted as duplicates.
    expect(await syncFromMemory(core, bId, b)).toMatchObject({ stored: 0, duplicates: 2, fetched: 2 });
    const row = await messageRow(`twice-${lp.domain}`);
    expect((await sightings(row.id)).map((s) => s.mailboxId).sort()).toEqual([aId, bId].sort());
    expect(await core.db.selectFrom('emailMessages').select('id').where('messageId', '=', `twice-${lp.domain}`).execute()).toHaveLength(1);
  });

  it('stores a message once when two mailboxes sync it at the same time', async () => {
    const lp = uniqueParty('Race');
    await addContact(core, lp.name, [lp.email]);
    const boxes = [new MemoryMailbox(), new MemoryMailbox()];
    for (let i = 0; i < 30; i += 1) {
      const source = buildMessage({ messageId: `race-${i}-${lp.domain}`, from: lp.email, to: ['a@ourfund.example'], subject: `Race ${i}`, date: '2031-03-06T10:00:00Z', text: `r${i}` });
      for (const box of boxes) box.append('INBOX', source);
    }
    const ids = [await addTestMailbox(core), await addTestMailbox(core)];
    const runs = await Promise.all(ids.map((id, index) => syncFromMemory(core, id, boxes[index] as MemoryMailbox)));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs.reduce((sum, r) => sum + r.stored, 0)).toBe(30);
    expect(runs.reduce((sum, r) => sum + r.duplicates, 0)).toBe(30);
    const rows = await core.db.selectFrom('emailMessages').select('id').where('messageId', 'like', `race-%-${lp.domain}`).execute();
    expect(rows).toHaveLength(30);
    const comms = await core.db.selectFrom('communications').select('id').where('emailMessageId', 'in', rows.map((r) => r.id)).execute();
    expect(comms).toHaveLength(30);
  });

  it('re-reads a folder whose UIDVALIDITY changed without storing anything twice', async () => {
    const lp = uniqueParty('Validity');
    await addContact(core, lp.name, [lp.email]);
    const mailbox = new MemoryMailbox();
    const id = await addTestMailbox(core);
    mailbox.append('INBOX', buildMessage({ messageId: `uv-1-${lp.domain}`, from: lp.email, to: ['x@ourfund.example'], subject: 'One', date: '2031-03-07T10:00:00Z', text: 'a' }));
    mailbox.append('INBOX', buildMessage({ messageId: `uv-2-${lp.domain}`, from: lp.email, to: ['x@ourfund.example'], subject: 'Two', date: '2031-03-07T11:00:00Z', text: 'b' }));
    await syncFromMemory(core, id, mailbox);
    const before = mailbox.uidValidity('INBOX');
    mailbox.resetUidValidity('INBOX');
    mailbox.append('INBOX', buildMessage({ messageId: `uv-3-${lp.domain}`, from: lp.email, to: ['x@ourfund.example'], subject: 'Three', date: '2031-03-07T12:00:00Z', text: 'c' }));
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ status: 'succeeded', fetched: 3, stored: 1, duplicates: 2 });
    expect(run.folders[0]).toEqual({ folder: 'INBOX', fetched: 3, reset: true });
    const row = await messageRow(`uv-1-${lp.domain}`);
    const seen = await sightings(row.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.uidValidity).toBe(mailbox.uidValidity('INBOX'));
    expect(seen[0]?.uidValidity).not.toBe(before);
  });

  it('answers a source failure as a failed run, never a throw', async () => {
    const mailbox = new MemoryMailbox();
    mailbox.openError = new MailSourceError('Authentication failed: wrong password', 'auth');
    const id = await addTestMailbox(core);
    const run = await syncFromMemory(core, id, mailbox);
    expect(run).toMatchObject({ status: 'failed', fetched: 0, errors: 1, errorMessages: ['Authentication failed: wrong password'] });
    expect(run.finishedAt).not.toBeNull();
    // No provider registered for the kind and no connection stored: still a recorded failure.
    const fallback = await syncMailbox(core, testActor(), id, { trigger: 'schedule', provider: memoryProvider(new MemoryMailbox()) });
    expect(fallback.status).toBe('failed');
    expect(fallback.errorMessages[0]).toMatch(/.+/);
  });

  it('refuses a second sync of a mailbox while one is running', async () => {
    const id = await addTestMailbox(core);
    const mailbox = new MemoryMailbox();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = memoryProvider(mailbox);
    const first = syncMailbox(core, testActor(), id, {
      trigger: 'manual',
      connection: memoryConnection(),
      provider: { kind: 'imap', open: async (connection) => (await gate, slow.open(connection)) },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await syncFromMemory(core, id, mailbox);
    expect(second).toMatchObject({ status: 'failed', errorMessages: ['a sync of this mailbox is already running'] });
    release();
    expect((await first).status).toBe('succeeded');
  });

  it('counts unreadable headers as errors and stores the rest of the batch', async () => {
    const id = await addTestMailbox(core);
    const good = buildMessage({ messageId: `good-${id}`, from: 'a@b.example', to: ['c@d.example'], subject: 'fine', date: '2031-03-08T10:00:00Z' });
    const counts = await ingestEnvelopes(
      core,
      testActor(),
      { mailboxId: id, folder: 'INBOX', isSentFolder: false, uidValidity: '1' },
      [
        { locator: '1', folder: 'INBOX', headers: Buffer.from('\u0000\u0001garbage without any header\r\n') },
        { locator: '2', folder: 'INBOX', headers: headerBlock(good) },
      ],
      async function* () {},
    );
    expect(counts).toMatchObject({ stored: 1, errors: 1 });
    expect(counts.errorMessages[0]).toMatch(/INBOX 1: unreadable headers/);
  });
});
