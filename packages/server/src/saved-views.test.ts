import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from './testing/factories.js';
import { type Caller, createTestApi, type TestApi } from './testing/harness.js';

let serial = 0;
const csvLines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);

describe.each(testDialects())('saved view routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  const member = (label: string): Promise<Caller & { id: string }> => api.createUser(`${label}${++serial}`, 'member');
  const state = { query: { tab: 'prospects' }, sort: [{ field: 'name', direction: 'asc' }], columns: [{ field: 'name', width: 240 }] };

  it('keeps a private view from another user, shows a shared one to all, and lets only the owner or an admin change it', async () => {
    const [ana, ben] = [await member('ana'), await member('ben')];
    const created = await api.request('POST', '/api/views', { as: ana, body: { name: 'My prospects', screen: 'contacts', state } });
    expect(created.status).toBe(201);
    const { id } = created.body.data;
    expect(created.body.data).toMatchObject({ shared: false, ownerId: ana.id, state: { ...state, groupBy: null } });

    const seenBy = async (as: Caller) => ((await api.request('GET', '/api/views?screen=contacts', { as })).body.data as { id: string }[]).map((v) => v.id);
    expect(await seenBy(ana)).toContain(id);
    expect(await seenBy(ben)).not.toContain(id);
    expect((await api.request('GET', `/api/views/${id}`, { as: ben })).status).toBe(404);
    expect((await api.request('PATCH', `/api/views/${id}`, { as: ben, body: { name: 'x' } })).status).toBe(404);
    expect((await api.request('DELETE', `/api/views/${id}`, { as: ben })).status).toBe(404);
    expect((await api.request('GET', `/api/views/${id}/export`, { as: ben })).status).toBe(404);

    const shared = await api.request('PATCH', `/api/views/${id}`, { as: ana, body: { shared: true }, headers: { 'if-match': '"1"' } });
    expect(shared.status).toBe(200);
    expect(shared.body.data).toMatchObject({ shared: true, version: 2 });
    expect(await seenBy(ben)).toContain(id);
    expect((await api.request('GET', `/api/views/${id}`, { as: ben })).body.data.name).toBe('My prospects');
    const refused = await api.request('PATCH', `/api/views/${id}`, { as: ben, body: { name: 'Mine now' } });
    expect(refused.status).toBe(403);
    expect((await api.request('DELETE', `/api/views/${id}`, { as: ben })).status).toBe(403);
    expect((await api.request('PATCH', `/api/views/${id}`, { as: api.admin, body: { name: 'Prospects (team)' } })).status).toBe(200);
    expect((await api.request('PATCH', `/api/views/${id}`, { as: ana, body: { name: 'stale' }, headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect((await api.request('DELETE', `/api/views/${id}`, { as: ana })).status).toBe(204);
    expect(await seenBy(ben)).not.toContain(id);
  });

  it('answers 400 on a bad state, screen or empty change, and writes nothing', async () => {
    const ana = await member('ana');
    const before = (await api.request('GET', '/api/views', { as: ana })).body.total;
    const bad = [
      { name: 'x', screen: 'contacts', state: { sort: [{ field: 'name', direction: 'sideways' }] } },
      { name: 'x', screen: 'contacts', state: { columns: [{ field: 'name', width: 5 }] } },
      { name: 'x', screen: 'contacts', state: { unknown: true } },
      { name: 'x', screen: 'nowhere', state: {} },
      { name: '', screen: 'contacts', state: {} },
      { name: 'x', screen: 'contacts' },
    ];
    for (const body of bad) {
      const response = await api.request('POST', '/api/views', { as: ana, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    expect((await api.request('GET', '/api/views', { as: ana })).body.total).toBe(before);
    const view = await api.request('POST', '/api/views', { as: ana, body: { name: 'ok', screen: 'tasks', state: {} } });
    expect((await api.request('PATCH', `/api/views/${view.body.data.id}`, { as: ana, body: {} })).status).toBe(400);
    expect((await api.request('GET', '/api/views?screen=nowhere', { as: ana })).status).toBe(400);
  });

  it('lets an API key keep views as the user who made it', async () => {
    const adminId = (await api.request('GET', '/api/auth/me', { as: api.admin })).body.data.user.id;
    const key = await api.request('POST', '/api/api-keys', { as: api.admin, body: { name: 'script', role: 'member' } });
    expect(key.status).toBe(201);
    const view = await api.request('POST', '/api/views', { as: { apiKey: key.body.data.key }, body: { name: 'From a script', screen: 'contacts', state: {} } });
    expect(view.body.data.ownerId).toBe(adminId);
    expect((await api.request('GET', `/api/views/${view.body.data.id}`, { as: api.admin })).status).toBe(200);
  });

  it('exports a view: its filters, sort and visible columns; and only with columns= on the list export too', async () => {
    const ana = await member('ana');
    for (const name of ['Route Alpha Trust', 'Route Beta Trust', 'Route Gamma LLC']) await createOrganization(api, { name, kind: 'foundation' });
    const view = await api.request('POST', '/api/views', {
      as: ana,
      body: {
        name: 'Trusts',
        screen: 'organizations',
        state: {
          search: 'route',
          query: { kind: 'foundation' },
          sort: [{ field: 'name', direction: 'desc' }],
          columns: [{ field: 'name' }, { field: 'tags', hidden: true }, { field: 'kind' }],
        },
      },
    });
    const file = await api.request('GET', `/api/views/${view.body.data.id}/export?format=csv`, { as: ana });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="trusts-organizations-.*\.csv"$/);
    expect(csvLines(file.body)).toEqual(['Name,Kind', 'Route Gamma LLC,foundation', 'Route Beta Trust,foundation', 'Route Alpha Trust,foundation']);

    const list = await api.request('GET', '/api/organizations/export?q=route&sort=name&columns=kind,name', { as: ana });
    expect(csvLines(list.body)[0]).toBe('Kind,Name');
    expect(csvLines(list.body)[1]).toBe('foundation,Route Alpha Trust');
    const unknown = await api.request('GET', '/api/organizations/export?columns=name,bogus', { as: ana });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/bogus/);

    const grid = await api.request('POST', '/api/views', { as: ana, body: { name: 'Grid', screen: 'grid', state: {} } });
    const gridFile = await api.request('GET', `/api/views/${grid.body.data.id}/export`, { as: ana });
    expect(gridFile.status).toBe(200);
    expect(gridFile.headers['content-type']).toMatch(/^text\/csv/);
    const xlsx = await api.request('GET', `/api/views/${grid.body.data.id}/export?format=xlsx`, { as: ana });
    expect(xlsx.status).toBe(400);
  });
});
