import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runLpdesk } from './testing/run-lpdesk.js';

describe('lpdesk backup', () => {
  it('creates, lists, verifies and restores a backup; a damaged file fails verify with exit 1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpdesk-backup-cli-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    const key = { LPDESK_BACKUP_KEY: 'cli test backup key, long enough for the check' };
    const lpdesk = (args: string[]) => runLpdesk(['--data-dir', dataDir, ...args], { env: key });
    expect((await lpdesk(['seed', '--demo'])).code).toBe(0);

    const created = await lpdesk(['backup', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const backup = JSON.parse(created.stdout);
    expect(backup).toMatchObject({ kind: 'manual', status: 'ok', encrypted: true });
    expect(backup.file.startsWith(join(dataDir, 'backups'))).toBe(true);
    expect(backup.counts.organizations).toBe(12);

    const listed = JSON.parse((await lpdesk(['backup', 'list', '--json'])).stdout);
    expect(listed.map((row: { id: string }) => row.id)).toEqual([backup.id]);

    const verified = await lpdesk(['backup', 'verify', backup.id]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/ok\s+decrypt/);
    expect(verified.stdout).toMatch(/The backup is good/);

    // Without the key: a clear message, a usage exit code.
    const noKey = await runLpdesk(['--data-dir', dataDir, 'backup', 'verify', backup.file]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/LPDESK_BACKUP_KEY/);

    // No terminal and no --yes: refused before anything changes.
    const unconfirmed = await lpdesk(['backup', 'restore', backup.id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stdout).toMatch(/organizations\s+12\s+12/);
    expect(unconfirmed.stderr).toMatch(/--yes/);

    const restored = await lpdesk(['backup', 'restore', backup.file, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored\. The data as it was just before is in pre_restore backup/);

    // A flipped byte: verify says so and exits 1.
    const fd = openSync(backup.file, 'r+');
    writeSync(fd, Buffer.from([0x00, 0xff, 0x00]), 0, 3, Math.floor(statSync(backup.file).size / 2));
    closeSync(fd);
    const damaged = await lpdesk(['backup', 'verify', backup.id]);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/FAILED sha256: the payload does not match its manifest/);
  }, 60_000);
});
