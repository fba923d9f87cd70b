import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk, repoRoot } from './testing/run-lpdesk.js';

const fixture = (name: string) => join(repoRoot, 'packages/core/src/email/testing/fixtures', name);

describe('lpdesk email', () => {
  it('enrols an IMAP mailbox from stdin, lists it, records a failed sync, and imports mbox and eml files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-email-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const lpdesk = (args: string[], stdin?: string) => runLpdesk(['--data-dir', dataDir, ...args], { stdin });
    const password = 'cli-app-password-31337';

    const added = await lpdesk(
      ['email', 'add-imap', '--host', '127.0.0.1', '--port', '1', '--no-secure', '--username', 'team@fund.example.com', '--folders', 'INBOX, Sent', '--json'],
      `${password}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    const mailbox = JSON.parse(added.stdout);
    expect(mailbox).toMatchObject({
      kind: 'imap',
      host: '127.0.0.1',
      port: 1,
      secure: false,
      folders: ['INBOX', 'Sent'],
      hasCredentials: true,
      address: 'team@fund.example.com',
    });
    expect(added.stdout).not.toContain(password);
    // Sealed on disk: the password is nowhere in the database file.
    expect(readFileSync(join(dataDir, 'lpdesk.sqlite')).includes(password)).toBe(false);

    const onArgv = await lpdesk(['email', 'add-imap', '--host', 'imap.example.com', '--username', 'other', '--password', 'x', '--label', 'Scripted']);
    expect(onArgv.code).toBe(0);
    expect(onArgv.stderr).toMatch(/Warning: --password/);
    expect(onArgv.stdout).toMatch(/Mailbox Scripted enrolled/);
    expect((await lpdesk(['email', 'add-imap', '--host', 'h', '--username', 'u', '--owner', 'nobody'], 'p\n')).code).toBe(3);

    // Nothing listens on port 1: a failed run with the reason, exit code 1, never a crash.
    const sync = await lpdesk(['email', 'sync', '--mailbox', mailbox.id]);
    expect(sync.code).toBe(1);
    expect(sync.stdout).toMatch(/team@fund\.example\.com: failed, 0 fetched/);

    const imported = await lpdesk(['email', 'import-mbox', fixture('takeout.mbox')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported .*takeout\.mbox: succeeded, 3 fetched, 3 stored, 0 matched, 0 duplicates, 0 errors/);
    expect(imported.stderr).toMatch(/\[#+\]\s+100% takeout\.mbox: 3 fetched, 3 stored/);
    const again = JSON.parse((await lpdesk(['email', 'import-mbox', fixture('single.eml'), '--json'])).stdout);
    expect(again).toMatchObject({ trigger: 'import', status: 'succeeded', stored: 1 });
    const missing = await lpdesk(['email', 'import-mbox', join(dataDir, 'nope.mbox')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file: .*nope\.mbox/);

    const list = await lpdesk(['email', 'list', '--json']);
    const rows: { label: string; lastRun: { status: string } | null; messageCount: number }[] = JSON.parse(list.stdout);
    expect(rows.map((r) => r.label).sort()).toEqual(['Imported: single.eml', 'Imported: takeout.mbox', 'Scripted', 'team@fund.example.com']);
    expect(rows.find((r) => r.label === 'team@fund.example.com')?.lastRun?.status).toBe('failed');
    expect(rows.find((r) => r.label === 'Imported: takeout.mbox')?.messageCount).toBe(3);
    expect(list.stdout).not.toContain(password);
    const table = await lpdesk(['email', 'list']);
    expect(table.stdout).toMatch(/Imported: takeout\.mbox.*mbox.*succeeded.*3/);
  }, 120_000);
});
