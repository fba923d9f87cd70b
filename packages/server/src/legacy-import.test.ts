import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLegacyDatabase, systemActor } from '@lpdesk/core';
import { buildLegacyDatabase, LEGACY_PASSWORDS, testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('legacy import through the API on %s', (dialect) => {
  let api: TestApi;
  let dir: string;
  beforeAll(async () => {
    api = await createTestApi(dialect);
    dir = mkdtempSync(join(tmpdir(), 'lpdesk-legacy-api-'));
    buildLegacyDatabase(join(dir, 'crm.db'));
    await importLegacyDatabase(api.core, systemActor('import'), join(dir, 'crm.db'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets imported users sign in with their legacy passwords (bcrypt, PBKDF2) and upgrades the hash; inactive users cannot', async () => {
    const alice = await api.login('alice', LEGACY_PASSWORDS.alice);
    const me = await api.request('GET', '/api/auth/me', { as: alice });
    expect(me.body.data.user).toMatchObject({ username: 'alice', role: 'admin' });
    const stored = await api.core.db.selectFrom('users').select('passwordHash').where('username', '=', 'alice').executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    await api.login('bob', LEGACY_PASSWORDS.bob);
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'bob', password: 'not bobs password' } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'carol', password: LEGACY_PASSWORDS.carol } })).status).toBeGreaterThanOrEqual(
      400,
    );
    const users = await api.request('GET', '/api/users', { as: api.admin });
    expect(users.body.data.find((user: { username: string }) => user.username === 'carol')).toMatchObject({ disabled: true });
  });

  it('leads from every legacy id to its LP Desk record', async () => {
    const opportunity = await api.request('GET', '/api/identity/records?source=legacy.opportunities&externalId=p1acme00', { as: api.admin });
    expect(opportunity.status).toBe(200);
    expect(opportunity.body.data).toEqual([expect.objectContaining({ entityType: 'commitment', source: 'legacy.opportunities', externalId: 'p1acme00' })]);
    const commitment = await api.request('GET', `/api/commitments/${opportunity.body.data[0].entityId}`, { as: api.admin });
    expect(commitment.body.data).toMatchObject({ committedAmount: 120_000_000, subscriptionDocsSignedOn: '2024-03-05' });
    const user = await api.request('GET', '/api/identity/records?source=legacy.users&externalId=u1a2b3c4', { as: api.admin });
    expect(user.body.data[0]).toMatchObject({ entityType: 'user' });
    const row = await api.request('GET', '/api/identity/records?source=legacy.grid_rows&externalId=row_acme', { as: api.admin });
    const classic = await api.request('GET', '/api/identity/records?source=legacy.organizations&externalId=o1acme00', { as: api.admin });
    expect(row.body.data[0].entityId).toBe(classic.body.data[0].entityId);
  });

  it('shows legacy mail by Message-ID and the legacy audit log as historical activity', async () => {
    const mail = await api.request('GET', `/api/email/messages?messageId=${encodeURIComponent('<dataroom-1@acme.example>')}`, { as: api.admin });
    expect(mail.status).toBe(200);
    expect(mail.body.data).toEqual([
      expect.objectContaining({ subject: 'Fund II data room', links: [expect.objectContaining({ matchKind: 'exact_email', confidence: 1 })] }),
    ]);
    const activity = await api.request('GET', '/api/activity?historical=true', { as: api.admin });
    expect(activity.status).toBe(200);
    expect(activity.body.data).toHaveLength(3);
    expect(activity.body.data.every((entry: { door: string; historical: boolean }) => entry.door === 'import' && entry.historical)).toBe(true);
  });
});
