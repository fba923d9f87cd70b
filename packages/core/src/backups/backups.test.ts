import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganizationCreateInput } from '@lpdesk/contracts';
import { sql } from 'kysely';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCore } from '../core.js';
import { ManualClock } from '../kernel/clock.js';
import { execute } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { createOrganization } from '../organizations/commands.js';
import { seedDemo } from '../seed/demo.js';
import { openTestCore, testActor, testDialects, type TestCore, type TestDialect } from '../testing/index.js';
import { createBackup, liveSnapshot, pruneBackups } from './commands.js';
import { previewRestore, restoreBackup, verifyBackup } from './restore.js';
import { scheduledBackupDue, scheduledBackupJob } from './jobs.js';
import { readManifest } from './manifest.js';
import { updateBackupSettings } from './settings.js';

const admin = testActor({ role: 'admin' });
const KEY = 'a backup key that is long enough to be a real one';

// PGlite has no pg_dump: backups run on SQLite and on a real PostgreSQL server (LPDESK_TEST_DIALECTS=postgres).
const dialects = testDialects().filter((dialect) => dialect !== 'pglite');

function scratchDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lpdesk-backups-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function backupCore(
  dialect: TestDialect,
  options: { key?: string; clock?: ManualClock; directory?: string } = {},
): Promise<TestCore & { directory: string }> {
  const directory = options.directory ?? scratchDirectory();
  const core = await openTestCore(dialect, { ...(options.clock ? { clock: options.clock } : {}), settings: { backups: { directory, key: options.key } } });
  onTestFinished(() => core.dispose());
  return Object.assign(core, { directory });
}

/** Flips one byte in the middle of a file, as a failing disk would. */
function flipByte(path: string): void {
  const at = Math.floor(statSync(path).size / 2);
  const fd = openSync(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

const withoutBookkeeping = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([table]) => !['activity_log', 'outbox_events', 'jobs', 'event_subscriptions'].includes(table)));

describe.each(dialects)('backups on %s', (dialect) => {
  it('backs up, survives destroyed data, and restores identical counts after a pre-restore backup', async () => {
    const core = await backupCore(dialect);
    await seedDemo(core, admin);
    const before = await liveSnapshot(core);
    expect(before.counts.organizations).toBeGreaterThan(0);
    const backup = await createBackup(core, admin, 'manual');
    expect(backup).toMatchObject({ kind: 'manual', status: 'ok', encrypted: false, dialect });
    expect(backup.counts).toEqual(before.counts);
    expect(existsSync(backup.file ?? '')).toBe(true);
    const { manifest } = readManifest(backup.file ?? '');
    expect(manifest).toMatchObject({ formatVersion: 1, schemaVersion: before.schemaVersion, createdAt: backup.createdAt, encryption: null, files: [] });
    expect(statSync(backup.file ?? '').mode & 0o077).toBe(0);

    // Disaster: every commitment and communication gone, organizations added.
    await core.db.deleteFrom('commitmentK1s').execute();
    await core.db.deleteFrom('stageChanges').execute();
    await core.db.deleteFrom('commitments').execute();
    await createOrganization(core, admin, OrganizationCreateInput.parse({ name: 'Added after the backup' }));
    const damaged = await liveSnapshot(core);
    expect(damaged.counts.commitments).toBe(0);

    const preview = await previewRestore(core, backup.id);
    expect(preview.sameSchema).toBe(true);
    expect(preview.tables.find((row) => row.table === 'commitments')).toEqual({ table: 'commitments', now: 0, backup: before.counts.commitments });
    expect(preview.tables.find((row) => row.table === 'organizations')).toEqual({
      table: 'organizations',
      now: (before.counts.organizations ?? 0) + 1,
      backup: before.counts.organizations,
    });

    const result = await restoreBackup(core, admin, backup.id);
    expect(result.preRestore.kind).toBe('pre_restore');
    expect(result.preRestore.counts.commitments).toBe(0);
    const after = await liveSnapshot(core);
    // The data tables are exactly as backed up; the activity log (and its outbox) gain the restore's own entry.
    expect(withoutBookkeeping(after.counts)).toEqual(withoutBookkeeping(before.counts));
    expect(after.counts.activity_log).toBe((before.counts.activity_log ?? 0) + 1);
    if (dialect === 'sqlite') {
      // Still in WAL mode, and the backup directory holds the payloads and manifests only (no -wal/-shm left by verify).
      expect((await sql<{ journalMode: string }>`PRAGMA journal_mode`.execute(core.db)).rows[0]?.journalMode).toBe('wal');
      expect(readdirSync(core.directory).filter((name) => !name.endsWith('.sqlite') && !name.endsWith('.manifest.json'))).toEqual([]);
    }
    // The running core reads the restored data through its own connection.
    const organizations = await execute(operations.organizations.list, { core, actor: admin }, { limit: 1, offset: 0 } as never);
    expect(organizations.total).toBe(before.counts.organizations);
    // History survives going back in time: both backups are listed, and the restore is logged by its actor.
    const history = await execute(operations.backups.list, { core, actor: admin }, {});
    expect(history.data.map((row) => row.kind).sort()).toEqual(['manual', 'pre_restore']);
    const logged = await core.db.selectFrom('activityLog').select(['action', 'actorName', 'entityId']).where('action', '=', 'backup.restored').execute();
    expect(logged).toEqual([{ action: 'backup.restored', actorName: admin.name, entityId: backup.id }]);

    // And the pre-restore backup brings the damaged state back.
    await restoreBackup(core, admin, result.preRestore.id);
    expect((await liveSnapshot(core)).counts.commitments).toBe(0);
  });

  it.runIf(dialect === 'sqlite')('restores from another process while the server keeps its connection open', async () => {
    const server = await backupCore(dialect);
    const target = server.settings.database;
    if (target?.kind !== 'sqlite') throw new Error('a SQLite test core');
    await createOrganization(server, admin, OrganizationCreateInput.parse({ name: 'Before The Backup' }));
    // `lpdesk backup restore` opens its own core on the same file while the server runs.
    const cli = await openCore(target, { settings: { ...server.settings } });
    onTestFinished(() => cli.close());
    const backup = await createBackup(cli, admin, 'manual');
    await createOrganization(server, admin, OrganizationCreateInput.parse({ name: 'After The Backup' }));
    await restoreBackup(cli, admin, backup.id);
    const names = await server.db.selectFrom('organizations').select('name').orderBy('name').execute();
    expect(names.map((row) => row.name)).toEqual(['Before The Backup']);
    // And the server writes on as before.
    await createOrganization(server, admin, OrganizationCreateInput.parse({ name: 'After The Restore' }));
    expect(await server.db.selectFrom('organizations').select('name').orderBy('name').execute()).toEqual([
      { name: 'After The Restore' },
      { name: 'Before The Backup' },
    ]);
  });

  it('detects a corrupted backup file and refuses to restore it', async () => {
    const core = await backupCore(dialect);
    await createOrganization(core, admin, OrganizationCreateInput.parse({ name: 'Acme Endowment' }));
    const backup = await createBackup(core, admin, 'manual');
    expect((await verifyBackup(core, admin, backup.id)).ok).toBe(true);
    flipByte(backup.file ?? '');
    const result = await verifyBackup(core, admin, backup.id);
    expect(result.ok).toBe(false);
    expect(result.checks.find((check) => check.name === 'sha256')).toMatchObject({ ok: false });
    expect(result.backup).toMatchObject({ status: 'corrupt' });
    await expect(restoreBackup(core, admin, backup.id)).rejects.toThrow(/did not verify/);
    // Nothing was touched: no pre-restore backup either.
    expect((await core.db.selectFrom('backups').select('kind').execute()).map((row) => row.kind)).toEqual(['manual']);
  });

  it('encrypts with the configured key, and needs that key to verify or restore', async () => {
    const directory = scratchDirectory();
    const core = await backupCore(dialect, { key: KEY, directory });
    await createOrganization(core, admin, OrganizationCreateInput.parse({ name: 'Sealed Capital' }));
    const backup = await createBackup(core, admin, 'manual');
    expect(backup.encrypted).toBe(true);
    expect(backup.file).toMatch(/\.enc$/);
    // Nothing readable in the payload.
    expect(readFileSync(backup.file ?? '').includes(Buffer.from('Sealed Capital'))).toBe(false);
    expect(readManifest(backup.file ?? '').manifest.encryption).toMatchObject({ algorithm: 'aes-256-gcm' });
    const verified = await verifyBackup(core, admin, backup.id);
    expect(verified.checks.map((check) => [check.name, check.ok])).toContainEqual(['decrypt', true]);
    expect(verified.ok).toBe(true);

    const withoutKey = await backupCore(dialect, { directory });
    await expect(verifyBackup(withoutKey, admin, backup.file ?? '')).rejects.toThrow(/encrypted: set LPDESK_BACKUP_KEY/);
    const wrongKey = await backupCore(dialect, { directory, key: `${KEY} but another` });
    await expect(verifyBackup(wrongKey, admin, backup.file ?? '')).rejects.toThrow(/different key/);

    await core.db.deleteFrom('organizationDomains').execute();
    await core.db.updateTable('organizations').set({ name: 'Renamed' }).execute();
    await restoreBackup(core, admin, backup.id);
    expect((await core.db.selectFrom('organizations').select('name').execute()).map((row) => row.name)).toEqual(['Sealed Capital']);
  });

  it('runs the scheduled backup at the configured time in the team time zone, once a day, and prunes', async () => {
    // 2031-03-14 is a Friday; New York is on daylight time (UTC-4) from 9 March.
    const clock = new ManualClock('2031-03-14T05:00:00.000Z');
    const directory = scratchDirectory();
    const core = await openTestCore(dialect, { clock, settings: { timeZone: 'America/New_York', backups: { directory } } });
    onTestFinished(() => core.dispose());
    await updateBackupSettings(core, admin, { time: '03:30', keepDaily: 2, keepWeekly: 0, keepMonthly: 0 });
    const context = { core, actor: testActor({ kind: 'system', door: 'job' }), job: { id: 'x', kind: scheduledBackupJob.kind, attempt: 1, maxAttempts: 1 } };
    // 01:00 New York: the settings were just saved, so the first scheduled backup is at 03:30 today, not now.
    expect(await scheduledBackupDue(core)).toMatchObject({ due: false, reason: 'the first scheduled backup is at the next 03:30' });
    clock.set('2031-03-14T07:29:00.000Z'); // 03:29 New York
    expect((await scheduledBackupDue(core)).due).toBe(false);
    clock.set('2031-03-14T07:30:00.000Z'); // 03:30 New York
    expect((await scheduledBackupDue(core)).due).toBe(true);
    await scheduledBackupJob.run({}, context);
    expect(await scheduledBackupDue(core)).toMatchObject({ due: false });
    clock.set('2031-03-15T07:00:00.000Z');
    expect((await scheduledBackupDue(core)).due).toBe(false);
    for (const day of ['15', '16', '17']) {
      clock.set(`2031-03-${day}T07:31:00.000Z`);
      const result = (await scheduledBackupJob.run({}, context)) as { backupId: string; pruned: number };
      expect(result.backupId).toBeDefined();
    }
    const rows = await core.db.selectFrom('backups').select(['createdAt', 'status', 'file']).orderBy('createdAt').execute();
    expect(rows.map((row) => [row.createdAt, row.status])).toEqual([
      ['2031-03-14T07:30:00.000Z', 'pruned'],
      ['2031-03-15T07:31:00.000Z', 'pruned'],
      ['2031-03-16T07:31:00.000Z', 'ok'],
      ['2031-03-17T07:31:00.000Z', 'ok'],
    ]);
    for (const row of rows) expect(existsSync(row.file ?? '')).toBe(row.status === 'ok');
    const pruned = await core.db.selectFrom('backups').select('id').where('status', '=', 'pruned').executeTakeFirstOrThrow();
    await expect(verifyBackup(core, admin, pruned.id)).rejects.toThrow(/pruned by the retention policy/);
    await updateBackupSettings(core, admin, { enabled: false });
    clock.set('2031-03-18T08:00:00.000Z');
    expect(await scheduledBackupDue(core)).toEqual({ due: false, reason: 'schedule off' });
  });

  it('is run by the job runner at the configured time, starting with the first one after the schedule was set up', async () => {
    const clock = new ManualClock('2031-03-14T15:00:00.000Z');
    const directory = scratchDirectory();
    const core = await openTestCore(dialect, { clock, settings: { timeZone: 'UTC', backups: { directory } } });
    onTestFinished(() => core.dispose());
    await core.jobs.start({ log: { info() {}, warn() {}, error() {} } });
    await core.jobs.stop();
    clock.set('2031-03-14T15:01:00.000Z');
    await core.jobs.runDue();
    expect(await core.db.selectFrom('backups').select('id').execute()).toEqual([]);
    // Default: daily at 02:00 team time.
    clock.set('2031-03-15T02:00:00.000Z');
    await core.jobs.runDue();
    const made = await core.db.selectFrom('backups').select(['kind', 'status', 'createdAt']).execute();
    expect(made).toEqual([{ kind: 'scheduled', status: 'ok', createdAt: '2031-03-15T02:00:00.000Z' }]);
    const job = await core.db
      .selectFrom('jobs')
      .select(['status', 'resultJson'])
      .where('kind', '=', 'backups.scheduled')
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');
  });

  it('keeps manual backups when pruning, and refuses members', async () => {
    const core = await backupCore(dialect);
    const manual = await createBackup(core, admin, 'manual');
    await updateBackupSettings(core, admin, { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
    await createBackup(core, admin, 'scheduled');
    expect((await pruneBackups(core, admin)).pruned).toEqual([]);
    expect(existsSync(manual.file ?? '')).toBe(true);
    // A directory that cannot be written is a clear 4xx, recorded as a failed backup.
    const notADirectory = join(scratchDirectory(), 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    await updateBackupSettings(core, admin, { directory: join(notADirectory, 'backups') });
    await expect(createBackup(core, admin, 'manual')).rejects.toThrow(/Cannot write backups to .*a-file\/backups/);
    expect((await core.db.selectFrom('backups').select('status').orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()).status).toBe(
      'failed',
    );
    await expect(execute(operations.backups.create, { core, actor: testActor({ role: 'manager' }) }, {})).rejects.toThrow(/does not allow/);
  });
});
