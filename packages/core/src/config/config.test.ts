import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'lpdesk-config-'));

describe('configuration', () => {
  it('defaults to SQLite under the data dir on 127.0.0.1:8080 and persists a generated secret with mode 0600', () => {
    const dir = freshDir();
    const config = loadConfig({ env: { LPDESK_DATA_DIR: dir }, initialise: true });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, database: { kind: 'sqlite', file: join(dir, 'lpdesk.sqlite') }, corsOrigins: [], trustProxy: false, runJobs: true });
    const secretFile = join(dir, 'secret.key');
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(config.secret);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(loadConfig({ env: { LPDESK_DATA_DIR: dir } }).secret).toBe(config.secret);
  });

  it('switches to PostgreSQL with DATABASE_URL and reads lists', () => {
    const config = loadConfig({
      env: { LPDESK_DATA_DIR: freshDir(), DATABASE_URL: 'postgres://u:p@db:5432/lpdesk', LPDESK_CORS_ORIGINS: 'https://a.example.com, https://b.example.com', LPDESK_TRUSTED_PROXIES: '10.0.0.1,10.0.0.2' },
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/lpdesk' });
    expect(config.corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(config.trustProxy).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('lets a separate worker take the jobs over with LPDESK_RUN_JOBS=false', () => {
    expect(loadConfig({ env: { LPDESK_DATA_DIR: freshDir(), LPDESK_RUN_JOBS: 'false' } }).runJobs).toBe(false);
  });

  it.each([
    ['LPDESK_PORT', 'eighty'],
    ['LPDESK_PORT', '70000'],
    ['LPDESK_HOST', 'not a host'],
    ['DATABASE_URL', 'mysql://x'],
    ['LPDESK_SECRET', 'short'],
    ['LPDESK_CORS_ORIGINS', 'not-a-url'],
    ['LPDESK_LOG_LEVEL', 'loud'],
    ['LPDESK_RUN_JOBS', 'maybe'],
  ])('rejects %s=%s with a message naming the variable', (name, value) => {
    const attempt = () => loadConfig({ env: { LPDESK_DATA_DIR: freshDir(), [name]: value } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(name);
  });

  it('trusts only an explicit list of proxy addresses or ranges, and refuses "true" with the reason', () => {
    const env = (value: string) => ({ LPDESK_DATA_DIR: freshDir(), LPDESK_TRUSTED_PROXIES: value });
    expect(loadConfig({ env: env('127.0.0.1, 10.0.0.0/8, ::1, fd00::/8, loopback') }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    expect(loadConfig({ env: env('false') }).trustProxy).toBe(false);
    const refused = () => loadConfig({ env: env('true') });
    expect(refused).toThrow(ConfigError);
    expect(refused).toThrow(/LPDESK_TRUSTED_PROXIES/);
    expect(refused).toThrow(/forge/);
    for (const everyone of ['*', '0.0.0.0/0', '::/0', '1', '10.0.0.1/33', 'proxy.example.com', '10.0.0.1,bogus']) {
      expect(() => loadConfig({ env: env(everyone) }), everyone).toThrow(/LPDESK_TRUSTED_PROXIES/);
    }
  });

  it('runs the application as the lpdesk_app role on PostgreSQL unless told otherwise, and takes a migration URL', () => {
    const base = { LPDESK_DATA_DIR: freshDir(), DATABASE_URL: 'postgres://app@db/lpdesk' };
    expect(loadConfig({ env: base })).toMatchObject({ databaseRole: 'lpdesk_app', migrationDatabaseUrl: undefined });
    expect(loadConfig({ env: { ...base, LPDESK_DATABASE_ROLE: 'none' } }).databaseRole).toBeNull();
    expect(loadConfig({ env: { ...base, LPDESK_DATABASE_ROLE: 'crm_app', LPDESK_MIGRATION_DATABASE_URL: 'postgres://owner@db/lpdesk' } })).toMatchObject({
      databaseRole: 'crm_app',
      migrationDatabaseUrl: 'postgres://owner@db/lpdesk',
    });
    expect(() => loadConfig({ env: { ...base, LPDESK_DATABASE_ROLE: 'x"; drop table users; --' } })).toThrow(/LPDESK_DATABASE_ROLE/);
    expect(() => loadConfig({ env: { ...base, LPDESK_MIGRATION_DATABASE_URL: 'mysql://x' } })).toThrow(/LPDESK_MIGRATION_DATABASE_URL/);
  });

  it('reads the sign-in limits', () => {
    const config = loadConfig({ env: { LPDESK_DATA_DIR: freshDir(), LPDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT: '7', LPDESK_LOGIN_MAX_FAILURES_PER_IP: '200', LPDESK_LOGIN_LOCKOUT_MAX_MINUTES: '30' } });
    expect(config.loginThrottle).toEqual({ accountMaxFailures: 7, ipMaxFailures: 200, lockoutMaxSeconds: 1800 });
    expect(() => loadConfig({ env: { LPDESK_DATA_DIR: freshDir(), LPDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' } })).toThrow(/LPDESK_LOGIN_MAX_FAILURES_PER_ACCOUNT/);
  });

  it('reads a config file, lets the environment and flags override it, and rejects unknown keys', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'lpdesk.config.json'), JSON.stringify({ LPDESK_PORT: 9000, LPDESK_HOST: '0.0.0.0' }));
    expect(loadConfig({ env: { LPDESK_DATA_DIR: dir } })).toMatchObject({ port: 9000, host: '0.0.0.0' });
    expect(loadConfig({ env: { LPDESK_DATA_DIR: dir, LPDESK_PORT: '9100' } }).port).toBe(9100);
    expect(loadConfig({ env: { LPDESK_DATA_DIR: dir }, overrides: { LPDESK_PORT: '9200' } }).port).toBe(9200);
    writeFileSync(join(dir, 'lpdesk.config.json'), JSON.stringify({ LPDESK_PROT: 9000 }));
    expect(() => loadConfig({ env: { LPDESK_DATA_DIR: dir } })).toThrow(/LPDESK_PROT/);
    writeFileSync(join(dir, 'lpdesk.config.json'), '{ nope');
    expect(() => loadConfig({ env: { LPDESK_DATA_DIR: dir } })).toThrow(/not valid JSON/);
  });
});
