import { testDialects } from '@lpdesk/core/testing';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('auth on %s', (dialect) => {
  // Signed-in tests share a set-up database; the setup test makes its own, so any test can run alone.
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('reports health without auth', async () => {
    const res = await api.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('runs first-run setup once, then answers 409', async () => {
    const fresh = await createTestApi(dialect, { setup: false });
    try {
      await firstRunSetup(fresh);
    } finally {
      await fresh.close();
    }
  });

  async function firstRunSetup(api: TestApi) {
    expect((await api.request('GET', '/api/setup')).body.data.needed).toBe(true);
    expect((await api.request('GET', '/api/contacts')).status).toBe(401);
    const first = await api.request('POST', '/api/setup', { body: { username: 'admin', password: ADMIN_PASSWORD, email: 'ada@fund.example' } });
    expect(first.status).toBe(201);
    expect(first.body.data.user.role).toBe('admin');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/lpdesk_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const second = await api.request('POST', '/api/setup', { body: { username: 'mallory', password: 'another long password' } });
    expect(second.status).toBe(409);
    expect((await api.request('GET', '/api/setup')).body.data.needed).toBe(false);
    const users = await api.core.db.selectFrom('users').select('username').execute();
    expect(users.map((u) => u.username)).toEqual(['admin']);
  }

  it('logs in, keeps the session across requests, and logs out', async () => {
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong password!' } })).status).toBe(401);
    expect((await api.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'wrong password!' } })).status).toBe(401);
    const session = await api.login('ADMIN', ADMIN_PASSWORD);
    const me = await api.request('GET', '/api/auth/me', { as: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(me.body.data.user.username).toBe('admin');
    expect(me.body.data.csrfToken).toBe(session.csrf);
    expect((await api.request('POST', '/api/auth/logout', { as: session })).status).toBe(204);
    expect((await api.request('GET', '/api/auth/me', { as: { cookie: session.cookie } })).status).toBe(401);
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const session = await api.login('admin', ADMIN_PASSWORD);
    const without = await api.request('POST', '/api/organizations', { as: { cookie: session.cookie }, body: { name: 'No Token LP' } });
    expect(without.status).toBe(403);
    const wrong = await api.request('POST', '/api/organizations', { as: { cookie: session.cookie, csrf: 'nope' }, body: { name: 'No Token LP' } });
    expect(wrong.status).toBe(403);
    const list = await api.request('GET', '/api/organizations?q=No%20Token', { as: session });
    expect(list.body.total).toBe(0);
    expect((await api.request('POST', '/api/organizations', { as: session, body: { name: 'Token LP' } })).status).toBe(201);
  });

  it('issues API keys shown once, stored hashed, scoped, revocable, with last use recorded', async () => {
    const admin = await api.login('admin', ADMIN_PASSWORD);
    const created = await api.request('POST', '/api/api-keys', { as: admin, body: { name: 'Zapier', role: 'member' } });
    expect(created.status).toBe(201);
    const { id, key } = created.body.data;
    expect(key).toMatch(/^lpd_[A-Za-z0-9]{12}_/);
    const stored = await api.core.db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.keyHash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key);
    const listed = await api.request('GET', '/api/api-keys', { as: admin });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const asKey = { apiKey: key };
    expect((await api.request('POST', '/api/organizations', { as: asKey, body: { name: 'Via key' } })).status).toBe(201);
    expect((await api.request('GET', '/api/users', { as: asKey })).status).toBe(403);
    const log = await api.request('GET', `/api/activity?actorId=${id}`, { as: admin });
    expect(log.body.data[0]).toMatchObject({ actorKind: 'api_key', actorId: id, action: 'create', entityType: 'organization', door: 'http' });
    const used = await api.core.db.selectFrom('apiKeys').select('lastUsedAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(used.lastUsedAt).not.toBeNull();

    expect((await api.request('DELETE', `/api/api-keys/${id}`, { as: admin })).status).toBe(200);
    expect((await api.request('GET', '/api/organizations', { as: asKey })).status).toBe(401);
    expect((await api.request('GET', '/api/organizations', { as: { apiKey: `${key}x` } })).status).toBe(401);
    expect((await api.request('GET', '/api/organizations', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  it('verifies a legacy bcrypt hash and rehashes it with argon2id', async () => {
    const admin = await api.login('admin', ADMIN_PASSWORD);
    const created = await api.request('POST', '/api/users', { as: admin, body: { username: 'legacy', password: 'temporary password 1', role: 'member' } });
    const legacyHash = await bcrypt.hash('old-python-password', 10);
    await api.core.db.updateTable('users').set({ passwordHash: legacyHash }).where('id', '=', created.body.data.id).execute();
    await api.login('legacy', 'old-python-password');
    const row = await api.core.db.selectFrom('users').select('passwordHash').where('id', '=', created.body.data.id).executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    await api.login('legacy', 'old-python-password');
  });

  it('disabling a user ends their sessions; passwords can be changed and reset', async () => {
    const admin = await api.login('admin', ADMIN_PASSWORD);
    const bob = await api.createUser('bob', 'member', undefined, admin);
    expect((await api.request('GET', '/api/contacts', { as: bob })).status).toBe(200);
    expect((await api.request('POST', '/api/auth/password', { as: bob, body: { currentPassword: 'wrong-one-here', newPassword: 'brand new password' } })).status).toBe(400);
    expect((await api.request('POST', '/api/auth/password', { as: bob, body: { currentPassword: 'bob-password-123', newPassword: 'brand new password' } })).status).toBe(204);
    await api.login('bob', 'brand new password');
    expect((await api.request('PATCH', `/api/users/${bob.id}`, { as: admin, body: { disabled: true } })).status).toBe(200);
    expect((await api.request('GET', '/api/contacts', { as: bob })).status).toBe(401);
    await expect(api.login('bob', 'brand new password')).rejects.toThrow(/401/);
    const adminRow = await api.request('GET', '/api/users', { as: admin });
    const adminId = adminRow.body.data.find((u: { username: string }) => u.username === 'admin').id;
    expect((await api.request('PATCH', `/api/users/${adminId}`, { as: admin, body: { role: 'member' } })).status).toBe(409);
  });

  it('a temporary password set by an admin must be changed before anything else', async () => {
    const admin = await api.login('admin', ADMIN_PASSWORD);
    const created = await api.request('POST', '/api/users', { as: admin, body: { username: 'temp-tess', password: 'temporary pass 1', role: 'member' } });
    expect(created.body.data.mustChangePassword).toBe(true);
    const tess = await api.login('temp-tess', 'temporary pass 1');
    const me = await api.request('GET', '/api/auth/me', { as: tess });
    expect(me.status).toBe(200);
    expect(me.body.data.user.mustChangePassword).toBe(true);
    const refused = await api.request('GET', '/api/contacts', { as: tess });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    expect((await api.request('POST', '/api/contacts', { as: tess, body: { firstName: 'No', lastName: 'Way' } })).body.error.code).toBe('password_change_required');
    const same = await api.request('POST', '/api/auth/password', { as: tess, body: { currentPassword: 'temporary pass 1', newPassword: 'temporary pass 1' } });
    expect(same.status).toBe(400);
    expect((await api.request('POST', '/api/auth/password', { as: tess, body: { currentPassword: 'temporary pass 1', newPassword: 'my own secret 42' } })).status).toBe(204);
    expect((await api.request('GET', '/api/auth/me', { as: tess })).body.data.user.mustChangePassword).toBe(false);
    expect((await api.request('GET', '/api/contacts', { as: tess })).status).toBe(200);

    // An admin's reset makes it temporary again; changing one's own password never does.
    expect((await api.request('POST', `/api/users/${created.body.data.id}/password`, { as: admin, body: { password: 'another temp 77' } })).status).toBe(204);
    const again = await api.login('temp-tess', 'another temp 77');
    expect((await api.request('GET', '/api/contacts', { as: again })).body.error.code).toBe('password_change_required');
    expect((await api.request('GET', '/api/contacts', { as: admin })).status).toBe(200);
  });
});
