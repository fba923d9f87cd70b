import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCore, testActor, testDialects, type TestCore } from '../testing/index.js';
import { type ImportProgress, importMailFile } from './import.js';
import { loadConnection } from './mailboxes/index.js';
import { addContact } from './testing/fixtures.js';

const fixture = (name: string) => fileURLToPath(new URL(`./testing/fixtures/${name}`, import.meta.url));

describe.each(testDialects())('importing mail files on %s', (dialect) => {
  let core: TestCore;
  let dir: string;
  beforeAll(async () => {
    core = await openTestCore(dialect);
    dir = await mkdtemp(join(tmpdir(), 'lpdesk-import-'));
  });
  afterAll(async () => {
    await core.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const message = (messageId: string) => core.db.selectFrom('emailMessages').selectAll().where('messageId', '=', messageId).executeTakeFirstOrThrow();

  it('imports a Takeout mbox: threads, matches, bodies only when matched, and skips what is already stored', async () => {
    await addContact(core, 'Investor', ['alice@lp.example.org']);
    const path = join(dir, 'takeout.mbox');
    await copyFile(fixture('takeout.mbox'), path);
    const progress: ImportProgress[] = [];
    const run = await importMailFile(core, testActor(), path, { onProgress: (p) => progress.push(p) });
    expect(run).toMatchObject({ trigger: 'import', status: 'succeeded', fetched: 3, stored: 3, matched: 2, duplicates: 0, errors: 0 });
    expect(progress.at(-1)).toMatchObject({ bytesRead: progress.at(-1)?.bytesTotal, fetched: 3 });
    expect(progress.at(-1)?.bytesTotal).toBeGreaterThan(1000);

    const question = await message('q1-report@lp.example.org');
    const reply = await message('re-q1-report@fund.example.com');
    const newsletter = await message('newsletter-88@news.example.net');
    expect(reply.threadId).toBe(question.threadId);
    // Gmail's Sent label makes the reply the team's own.
    expect([question.direction, reply.direction, newsletter.direction]).toEqual(['inbound', 'outbound', 'inbound']);
    expect(newsletter.threadId).not.toBe(question.threadId);
    expect(question).toMatchObject({ hasBody: 1, subject: 'Q1 report' });
    // Bodies come back unquoted from the mbox.
    expect(question.bodyText).toContain('From our side, the numbers look fine.\n>From the quoted reply, too.');
    expect(reply.bodyText).toContain('From memory the fees are 2%.');
    expect(newsletter).toMatchObject({ hasBody: 0, bodyText: null, subject: 'Weekly digest' });

    const mailbox = await core.db.selectFrom('emailMailboxes').selectAll().where('id', '=', run.mailboxId).executeTakeFirstOrThrow();
    expect(mailbox).toMatchObject({ kind: 'mbox', label: 'Imported: takeout.mbox', credentialsEnc: null });
    expect(await loadConnection(core, run.mailboxId)).toEqual({ kind: 'mbox', files: [path] });

    // The same file again: nothing new. The same mail in another file: duplicates, nothing stored twice.
    expect(await importMailFile(core, testActor(), path)).toMatchObject({ mailboxId: run.mailboxId, status: 'succeeded', fetched: 0, stored: 0 });
    const copy = join(dir, 'copy.mbox');
    await copyFile(path, copy);
    const again = await importMailFile(core, testActor(), copy);
    expect(again.mailboxId).not.toBe(run.mailboxId);
    expect(again).toMatchObject({ status: 'succeeded', fetched: 3, stored: 0, duplicates: 3 });
    expect(await core.db.selectFrom('emailMessages').select('id').where('messageId', '=', 'q1-report@lp.example.org').execute()).toHaveLength(1);
  });

  it('imports one .eml', async () => {
    await addContact(core, 'Allocator', ['bob@lp.example.org']);
    const run = await importMailFile(core, testActor(), fixture('single.eml'));
    expect(run).toMatchObject({ status: 'succeeded', fetched: 1, stored: 1, matched: 1 });
    expect((await message('single-eml@lp.example.org')).bodyText).toContain('The subscription documents are signed.');
  });

  it('refuses a missing file, a directory, and callers without email.manage', async () => {
    await expect(importMailFile(core, testActor(), join(dir, 'missing.mbox'))).rejects.toThrow(/No such file: .*missing\.mbox/);
    await expect(importMailFile(core, testActor(), dir)).rejects.toThrow('is not a file');
    await expect(importMailFile(core, testActor({ role: 'member' }), fixture('single.eml'))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
