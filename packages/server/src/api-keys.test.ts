import { invoke, operations, systemActor } from '@lpdesk/core';
import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('API keys follow their creator on %s', (dialect) => {
  let api: TestApi;
  let n = 0;
  const next = () => {
    n += 1;
    return n;
  };
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  /** A second admin and an admin-role key they created. */
  async function adminWithKey() {
    const username = `keymaker${next()}`;
    const creator = await api.createUser(username, 'admin');
    const created = await api.request('POST', '/api/api-keys', { as: creator, body: { name: `${username} key`, role: 'admin' } });
    expect(created.status).toBe(201);
    return { creator, key: { apiKey: created.body.data.key as string } };
  }
  const setCreator = (id: string, changes: Record<string, unknown>) => api.request('PATCH', `/api/users/${id}`, { as: api.admin, body: changes });

  it('stops working (401) while its creator is disabled, and works again when they are re-enabled', async () => {
    const { creator, key } = await adminWithKey();
    expect((await api.request('GET', '/api/users', { as: key })).status).toBe(200);
    expect((await setCreator(creator.id, { disabled: true })).status).toBe(200);
    const refused = await api.request('GET', '/api/organizations', { as: key });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect((await setCreator(creator.id, { disabled: false })).status).toBe(200);
    expect((await api.request('GET', '/api/organizations', { as: key })).status).toBe(200);
  });

  it('stops working when its creator is deleted', async () => {
    const { creator, key } = await adminWithKey();
    await api.core.db.updateTable('users').set({ deletedAt: api.core.clock.now().toISOString() }).where('id', '=', creator.id).execute();
    expect((await api.request('GET', '/api/organizations', { as: key })).status).toBe(401);
  });

  it('never does more than its creator may now: a key made by an admin since lowered to member acts as a member', async () => {
    const { creator, key } = await adminWithKey();
    expect((await setCreator(creator.id, { role: 'member' })).status).toBe(200);
    expect((await api.request('GET', '/api/users', { as: key })).status).toBe(403);
    expect((await api.request('POST', '/api/funds', { as: key, body: { name: 'Not allowed' } })).status).toBe(403);
    expect((await api.request('POST', '/api/organizations', { as: key, body: { name: 'Allowed for members' } })).status).toBe(201);
    const me = await api.request('GET', '/api/auth/me', { as: key });
    expect(me.body.data.actor).toMatchObject({ kind: 'api_key', role: 'member' });
  });

  it('cannot mint further keys that would outlive its creator', async () => {
    const { key } = await adminWithKey();
    const minted = await api.request('POST', '/api/api-keys', { as: key, body: { name: 'child', role: 'agent' } });
    expect(minted.status).toBe(403);
  });

  it('keeps keys created by the system (the CLI), which have no creator', async () => {
    const created = await invoke(operations.access.createApiKey, { core: api.core, actor: systemActor('cli') }, { name: 'cli key', role: 'manager' });
    expect(created.createdBy).toBeNull();
    expect((await api.request('GET', '/api/activity', { as: { apiKey: created.key } })).status).toBe(200);
  });
});
