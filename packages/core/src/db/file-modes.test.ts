import { chmodSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { openCore } from '../core.js';
import { systemActor } from '../kernel/actor.js';
import { invoke } from '../kernel/operations.js';
import { operations } from '../operations.js';
import { backupSqlite } from './backup.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const freshDir = () => join(mkdtempSync(join(tmpdir(), 'lpdesk-modes-')), 'data');

describe('investor data at rest is readable by the owner only', () => {
  let previousUmask: number;
  // The usual umask (022) would leave new files world-readable: prove the code does not rely on it.
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });

  it('creates the data directory 0700 and the generated secret 0600', () => {
    const dataDir = freshDir();
    loadConfig({ env: { LPDESK_DATA_DIR: dataDir }, initialise: true });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'secret.key'))).toBe(0o600);
  });

  it('tightens a data directory and secret that were left open', () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'secret.key'), `${'s'.repeat(48)}\n`, { mode: 0o644 });
    loadConfig({ env: { LPDESK_DATA_DIR: dataDir }, initialise: true });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'secret.key'))).toBe(0o600);
  });

  it('creates the SQLite database and its -wal and -shm files 0600', async () => {
    const dataDir = freshDir();
    const config = loadConfig({ env: { LPDESK_DATA_DIR: dataDir }, initialise: true });
    const file = (config.database as { file: string }).file;
    const core = await openCore({ kind: 'sqlite', file }, { migrate: true });
    try {
      await invoke(operations.organizations.create, { core, actor: systemActor('cli') }, { name: 'Private LP' });
      for (const path of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(path), path).toBe(true);
        expect(modeOf(path), path).toBe(0o600);
      }
    } finally {
      await core.close();
    }
  });

  it('tightens a database an older version created world-readable', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'lpdesk.sqlite');
    const old = new SQLite(file);
    old.pragma('journal_mode = WAL');
    old.close();
    chmodSync(file, 0o644);
    const core = await openCore({ kind: 'sqlite', file }, { migrate: true });
    try {
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
    } finally {
      await core.close();
    }
  });

  it('writes backups 0600 into an owner-only folder, never over an existing file', async () => {
    const dataDir = freshDir();
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'lpdesk.sqlite');
    const core = await openCore({ kind: 'sqlite', file }, { migrate: true });
    await core.close();
    const destination = join(dataDir, 'backups', 'copy.sqlite');
    const result = await backupSqlite(file, destination);
    expect(result.pages).toBeGreaterThan(0);
    expect(modeOf(destination)).toBe(0o600);
    expect(modeOf(join(dataDir, 'backups'))).toBe(0o700);
    await expect(backupSqlite(file, destination)).rejects.toThrow(/already exists/);
    expect(modeOf(destination)).toBe(0o600);
  });
});
