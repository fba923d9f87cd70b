import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { access, type Core, invoke, openCore, operations, systemActor } from '@lpdesk/core';
import { describe, it, onTestFinished, type TestContext } from 'vitest';

// These tests run the real `lpdesk` binary as a child process, the way operators and scripts do,
// each against a fresh data directory, and check its exit codes, its output and the database.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(repoRoot, 'packages/cli/bin/lpdesk.js');
const PASSWORD = 'correct horse battery staple';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The caller's LPDESK_* settings and DATABASE_URL must not leak into a test's data directory. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LPDESK_') && key !== 'DATABASE_URL'));
  return { ...env, LPDESK_LOG_LEVEL: 'silent' };
}

/** Run `lpdesk ...args` with `cwd` at the repo root; stdin gets `input` (or closes at once). */
function runLpdesk(args: string[], input: string): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: isolatedEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A fresh data directory for one test, removed when it finishes, and the CLI pointed at it. */
function sandbox({ onTestFinished }: TestContext) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-cli-test-'));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  const lpdesk = (args: string[], input = '') => runLpdesk(['--data-dir', dataDir, ...args], input);
  return {
    lpdesk,
    async json<T>(args: string[]): Promise<T> {
      const result = await lpdesk([...args, '--json']);
      if (result.code !== 0) throw new Error(`lpdesk ${args.join(' ')} --json exited ${result.code}: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    /** Open the same SQLite file the CLI wrote, to check what it really stored. */
    async withDatabase<T>(body: (core: Core) => Promise<T>): Promise<T> {
      const core = await openCore({ kind: 'sqlite', file: join(dataDir, 'lpdesk.sqlite') });
      try {
        return await body(core);
      } finally {
        await core.close();
      }
    },
  };
}

const signIn = (core: Core, username: string, password: string) =>
  access.login(core, { username, password }, { ip: null, userAgent: null, door: 'cli', requestId: null });

// Sequential on purpose: each call pays the CLI's ~2 s start-up, and side by side on a small CI
// box the longest test would crowd its timeout. Each test still gets its own data directory.
describe('lpdesk CLI', () => {
  it('prints help listing its commands and exits 0; an unknown command is a usage error', async (context) => {
    const { expect } = context;
    const { lpdesk } = sandbox(context);
    const help = await lpdesk(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'user', 'apikey', 'seed', 'purge']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));

    const unknown = await lpdesk(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/i);
  });

  it('reports migration status, applies, undoes and re-applies migrations', async (context) => {
    const { expect } = context;
    const { lpdesk, json } = sandbox(context);
    type Status = { migrations: { name: string; executedAt: string | null }[]; pending: string[]; unknown: string[] };
    const fresh = await json<Status>(['migrate', 'status']);
    const names = fresh.migrations.map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(fresh.pending).toEqual(names);
    expect(fresh.migrations.every((m) => m.executedAt === null)).toBe(true);

    const table = await lpdesk(['migrate', 'status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(names[0]);
    expect(table.stdout).toContain('pending');

    const up = await lpdesk(['migrate', 'up']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout.trim()).toBe(`Applied: ${names.join(', ')}`);
    const applied = await json<Status>(['migrate', 'status']);
    expect(applied.pending).toEqual([]);
    expect(applied.migrations.every((m) => typeof m.executedAt === 'string')).toBe(true);

    const last = names.at(-1) as string;
    const down = await lpdesk(['migrate', 'down']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout.trim()).toBe(`Undone: ${last}`);
    expect((await json<Status>(['migrate', 'status'])).pending).toEqual([last]);

    const again = await lpdesk(['migrate', 'up']);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(`Applied: ${last}`);
    const noop = await lpdesk(['migrate', 'up']);
    expect(noop.code).toBe(0);
    expect(noop.stdout.trim()).toBe('Already up to date');
  });

  it('creates a user from a password on stdin, lists it, and disables it', async (context) => {
    const { expect } = context;
    const { lpdesk, json, withDatabase } = sandbox(context);
    const created = await lpdesk(['user', 'create', 'alice', '--role', 'manager'], `${PASSWORD}\n`);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created manager alice/);

    type User = { id: string; username: string; role: string; disabled: boolean };
    const users = await json<User[]>(['user', 'list']);
    expect(users).toEqual([expect.objectContaining({ username: 'alice', role: 'manager', disabled: false })]);
    const listed = await lpdesk(['user', 'list', '--json']);
    // No password or hash leaks; the mustChangePassword flag is fine.
    expect(listed.stdout.replaceAll('mustChangePassword', '')).not.toMatch(/password/i);
    // The piped password (without its trailing newline) is the one stored.
    await withDatabase(async (core) => {
      await expect(signIn(core, 'alice', PASSWORD)).resolves.toMatchObject({ token: expect.any(String) });
      await expect(signIn(core, 'alice', `${PASSWORD}\n`)).rejects.toThrow(/wrong username or password/i);
    });

    const disabled = await lpdesk(['user', 'disable', 'alice']);
    expect(disabled.code, disabled.stderr).toBe(0);
    expect(disabled.stdout.trim()).toBe('alice disabled');
    expect(await json<User[]>(['user', 'list'])).toEqual([expect.objectContaining({ username: 'alice', disabled: true })]);
    await withDatabase(async (core) => expect(signIn(core, 'alice', PASSWORD)).rejects.toThrow());

    const missing = await lpdesk(['user', 'disable', 'nobody']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no user named nobody/i);
  });

  it('refuses a too-short password or none, with exit code 2, and creates no user', async (context) => {
    const { expect } = context;
    const { lpdesk, json } = sandbox(context);
    const short = await lpdesk(['user', 'create', 'bob'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password.*at least \d+ characters/i);
    expect(short.stdout).toBe('');

    const none = await lpdesk(['user', 'create', 'bob']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/standard input/i);

    expect(await json<unknown[]>(['user', 'list'])).toEqual([]);
  });

  it('creates an API key printed once on stdout, lists it without the key, and revokes it', async (context) => {
    const { expect } = context;
    const { lpdesk, json, withDatabase } = sandbox(context);
    const created = await lpdesk(['apikey', 'create', 'bench', '--role', 'agent']);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^lpd_[A-Za-z0-9]{12}_\S{32,}$/);
    expect(created.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(created.stderr).toMatch(/not shown again/);

    type Key = { id: string; name: string; role: string; prefix: string; revokedAt: string | null };
    const listedText = (await lpdesk(['apikey', 'list', '--json'])).stdout;
    expect(listedText).not.toContain(key);
    expect(listedText).not.toMatch(/hash/i);
    const [listed, ...others] = JSON.parse(listedText) as Key[];
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ name: 'bench', role: 'agent', revokedAt: null });
    expect(key.startsWith(`lpd_${listed?.prefix}_`)).toBe(true);
    await withDatabase(async (core) => expect(access.resolveApiKey(core, key, 'http', null)).resolves.toMatchObject({ id: listed?.id, role: 'agent' }));

    const revoked = await lpdesk(['apikey', 'revoke', listed?.id as string]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe(`Revoked bench (${listed?.id})`);
    const again = await lpdesk(['apikey', 'revoke', listed?.id as string]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/was already revoked at/);
    const [after] = await json<Key[]>(['apikey', 'list']);
    expect(after?.revokedAt).toEqual(expect.any(String));
    await withDatabase(async (core) => expect(access.resolveApiKey(core, key, 'http', null)).resolves.toBeNull());

    const badRole = await lpdesk(['apikey', 'create', 'x', '--role', 'owner']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/role/);
  });

  it('backs up the SQLite database to a consistent, owner-only copy and will not overwrite one', async (context) => {
    const { expect } = context;
    const { lpdesk } = sandbox(context);
    expect((await lpdesk(['seed', '--demo'])).code).toBe(0);
    const target = join(mkdtempSync(join(tmpdir(), 'lpdesk-backup-')), 'copy.sqlite');
    onTestFinished(() => rmSync(dirname(target), { recursive: true, force: true }));
    const backup = await lpdesk(['backup', target]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up \d+ pages/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const copy = await openCore({ kind: 'sqlite', file: target });
    try {
      const organizations = await copy.db.selectFrom('organizations').select('name').execute();
      expect(organizations).toHaveLength(12);
    } finally {
      await copy.close();
    }
    const again = await lpdesk(['backup', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('seeds the demo once; a second seed is a conflict (exit 4) that changes nothing', async (context) => {
    const { expect } = context;
    const { lpdesk, json, withDatabase } = sandbox(context);
    type Summary = Record<'funds' | 'organizations' | 'contacts', number>;
    const summary = await json<Summary>(['seed', '--demo']);
    expect(summary.contacts).toBeGreaterThan(0);
    expect(summary.organizations).toBeGreaterThan(0);

    const second = await lpdesk(['seed', '--demo']);
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/already has organizations/);
    const counts = await withDatabase(async (core) => ({
      contacts: Number(
        (
          await core.db
            .selectFrom('contacts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      organizations: Number(
        (
          await core.db
            .selectFrom('organizations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    }));
    expect(counts).toEqual({ contacts: summary.contacts, organizations: summary.organizations });

    const nothing = await lpdesk(['seed']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/seed --demo/);
  });

  it('purges old trash: refuses 0 days, counts on --dry-run without deleting, then deletes', async (context) => {
    const { expect } = context;
    const { lpdesk, json, withDatabase } = sandbox(context);
    const zero = await lpdesk(['purge', '--older-than-days', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--older-than-days must be a whole number, at least 1/);

    expect((await lpdesk(['seed', '--demo'])).code).toBe(0);
    // One contact trashed 40 days ago (old enough to purge) and one trashed now (kept).
    const [old, recent] = await withDatabase(async (core) => {
      const ids = (await core.db.selectFrom('contacts').select('id').orderBy('id').limit(2).execute()).map((row) => row.id);
      for (const id of ids) await invoke(operations.contacts.delete, { core, actor: systemActor('cli') }, { id });
      await core.db
        .updateTable('contacts')
        .set({ deletedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() })
        .where('id', '=', ids[0] as string)
        .execute();
      return ids;
    });
    const contactExists = (id: string | undefined) =>
      withDatabase(async (core) =>
        Boolean(
          await core.db
            .selectFrom('contacts')
            .select('id')
            .where('id', '=', id as string)
            .executeTakeFirst(),
        ),
      );

    const dryRun = await lpdesk(['purge', '--older-than-days', '30', '--dry-run']);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toMatch(/^Would purge \(trashed before .+\): .*\b1 contact\b/);
    expect(await contactExists(old)).toBe(true);

    type Purge = { cutoff: string; purged: Record<string, number> };
    const purged = await json<Purge>(['purge', '--older-than-days', '30']);
    expect(purged.purged).toMatchObject({ contact: 1, organization: 0 });
    expect(Date.parse(purged.cutoff)).toBeLessThan(Date.now() - 29 * 86_400_000);
    expect(await contactExists(old)).toBe(false);
    expect(await contactExists(recent)).toBe(true);
  });

  it('exports every contact the filters match to stdout as CSV, or to a file as XLSX', async (context) => {
    const { expect } = context;
    const { lpdesk } = sandbox(context);
    expect((await lpdesk(['seed', '--demo'])).code).toBe(0);
    const csv = await lpdesk(['export', 'contacts', '--relationship', 'investor', '--sort', '-name']);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toMatch(/^Name,First name,Last name,Organization/);
    expect(csv.stderr).toMatch(new RegExp(`Exported ${lines.length - 1} contacts`));
    const out = join(mkdtempSync(join(tmpdir(), 'lpdesk-export-')), 'organizations.xlsx');
    onTestFinished(() => rmSync(dirname(out), { recursive: true, force: true }));
    const xlsx = await lpdesk(['export', 'organizations', '--format', 'xlsx', '--out', out]);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stderr).toMatch(/Exported 12 organizations to/);
    expect(statSync(out).size).toBeGreaterThan(1000);
    const bad = await lpdesk(['export', 'contacts', '--sort', 'shoeSize']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown sort field/);
    expect((await lpdesk(['export', 'funds'])).code).toBe(2);
  });

  it('rebuilds relationships and prints warm paths; an unknown target exits 3', async (context) => {
    const { expect } = context;
    const { lpdesk, json, withDatabase } = sandbox(context);
    expect((await json<{ contacts: number }>(['relationships', 'rebuild'])).contacts).toBe(0);
    const contactId = await withDatabase(async (core) => {
      const actor = systemActor('cli');
      const user = await invoke(operations.access.createUser, { core, actor }, { username: 'rel', password: PASSWORD, fullName: 'Rel Member' });
      const contact = await invoke(operations.contacts.create, { core, actor }, { firstName: 'Pat', lastName: 'Known' });
      await invoke(
        operations.communications.create,
        { core, actor },
        { kind: 'meeting', occurredAt: core.clock.now().toISOString(), contactIds: [contact.id], userIds: [user.id] },
      );
      return contact.id;
    });
    expect(await json<{ knows: number }>(['relationships', 'rebuild'])).toMatchObject({ contacts: 1, knows: 1 });
    const path = await lpdesk(['relationships', 'path', '--to', contactId]);
    expect(path.code).toBe(0);
    expect(path.stdout).toMatch(/Rel Member —knows 0\.86→ Pat Known/);
    const missing = await lpdesk(['relationships', 'path', '--to', '01900000-0000-7000-8000-000000000000']);
    expect(missing.code).toBe(3);
  });
});
