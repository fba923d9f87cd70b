import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

// PGlite has no pg_dump: the API is tested on SQLite and, with LPDESK_TEST_DIALECTS=postgres, on PostgreSQL.
describe.each(testDialects().filter((dialect) => dialect !== 'pglite'))('backups API on %s', (dialect) => {
  let api: TestApi;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'lpdesk-backups-api-'));
    api = await createTestApi(dialect, { settings: { backups: { directory } } });
  });
  afterAll(async () => {
    await api.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('is for admins only', async () => {
    const manager = await api.createUser(`manager${Date.now()}`, 'manager');
    for (const [method, url] of [
      ['GET', '/api/backups'],
      ['POST', '/api/backups'],
      ['GET', '/api/backup-settings'],
      ['PATCH', '/api/backup-settings'],
    ] as const) {
      const response = await api.request(method, url, { as: manager, ...(method === 'PATCH' ? { body: { enabled: false } } : {}) });
      expect(response.status, `${method} ${url}`).toBe(403);
    }
  });

  it('backs up, previews and restores through the API; bad input is a 4xx that changes nothing', async () => {
    const kept = await createOrganization(api, { name: 'Kept Foundation' });
    const created = await api.request('POST', '/api/backups', { as: api.admin });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    await createOrganization(api, { name: 'Added Later LP' });

    const preview = await api.request('GET', `/api/backups/${id}/preview`, { as: api.admin });
    expect(preview.body.data.tables).toContainEqual({ table: 'organizations', now: 2, backup: 1 });

    const unconfirmed = await api.request('POST', `/api/backups/${id}/restore`, { as: api.admin, body: {} });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.body)).toMatch(/confirm/);
    expect((await api.request('GET', '/api/backups', { as: api.admin })).body.data).toHaveLength(1);
    expect((await api.request('POST', '/api/backups/not-a-uuid/verify', { as: api.admin })).status).toBe(400);
    expect((await api.request('POST', '/api/backups/01900000-0000-7000-8000-000000000000/verify', { as: api.admin })).status).toBe(404);
    expect((await api.request('PATCH', '/api/backup-settings', { as: api.admin, body: { time: '25:00' } })).status).toBe(400);
    expect((await api.request('PATCH', '/api/backup-settings', { as: api.admin, body: { directory: 'relative/path' } })).status).toBe(400);

    const restored = await api.request('POST', `/api/backups/${id}/restore`, { as: api.admin, body: { confirm: true } });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    const organizations = await api.request('GET', '/api/organizations', { as: api.admin });
    expect(organizations.body.data.map((row: { id: string }) => row.id)).toEqual([kept.id]);
    const history = await api.request('GET', '/api/backups', { as: api.admin });
    expect(history.body.data.map((row: { kind: string }) => row.kind).sort()).toEqual(['manual', 'pre_restore']);

    const settings = await api.request('PATCH', '/api/backup-settings', {
      as: api.admin,
      body: { time: '04:45', keepMonthly: 24 },
      headers: { 'if-match': '"0"' },
    });
    expect(settings.status).toBe(400);
    const updated = await api.request('PATCH', '/api/backup-settings', { as: api.admin, body: { time: '04:45', keepMonthly: 24 } });
    expect(updated.body.data).toMatchObject({
      enabled: true,
      time: '04:45',
      keepDaily: 7,
      keepWeekly: 4,
      keepMonthly: 24,
      effectiveDirectory: directory,
      encryption: false,
      version: 1,
    });
    const stale = await api.request('PATCH', '/api/backup-settings', { as: api.admin, body: { enabled: false }, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
  });
});
