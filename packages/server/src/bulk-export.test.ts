import { invoke, operations } from '@lpdesk/core';
import { testActor, testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTag } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

/* biome-ignore lint/suspicious/noExplicitAny: loose JSON */
type Json = any;

const dataLines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean).length - 1;

describe.each(testDialects())('whole-list export and bulk routes on %s', (dialect) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi(dialect);
    await invoke(operations.seed.demo, { core: api.core, actor: testActor({ kind: 'system', door: 'cli' }) }, { copies: 3 });
  });
  afterAll(() => api.close());

  it('streams every matching contact as CSV with a download filename, whatever the page size of the list', async () => {
    const list = await api.request('GET', '/api/contacts?relationship=investor&limit=5', { as: api.admin });
    const response = await api.request('GET', '/api/contacts/export?relationship=investor&sort=-name', { as: api.admin });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(dataLines(response.body)).toBe(list.body.total);
    expect(list.body.total).toBeGreaterThan(5);
  });

  it('streams XLSX for organizations', async () => {
    const response = await api.request('GET', '/api/organizations/export?format=xlsx', { as: api.admin });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(/organizations-.*\.xlsx"$/);
  });

  it('refuses a bad format, filter or sort with a 400 before writing anything', async () => {
    for (const query of ['format=pdf', 'sort=shoeSize', 'relationship=friend', 'limit=10']) {
      const response = await api.request('GET', `/api/contacts/export?${query}`, { as: api.admin });
      expect(response.status, query).toBe(400);
      expect(response.body.error.code, query).toBe('validation_failed');
    }
    expect((await api.request('GET', '/api/contacts/export')).status).toBe(401);
  });

  it('runs a bulk action over a query as one batch, and undoes it in one call', async () => {
    const tag = await createTag(api);
    const total = (await api.request('GET', '/api/contacts?relationship=prospect&limit=1', { as: api.admin })).body.total as number;
    const run = await api.request('POST', '/api/batches', {
      as: api.admin,
      body: { collection: 'contacts', selection: { query: { relationship: 'prospect' } }, action: { kind: 'addTag', tagId: tag.id }, expectedCount: total },
    });
    expect(run.status).toBe(201);
    expect(run.body.data).toMatchObject({ count: total, matched: total, action: 'addTag' });
    expect((await api.request('GET', `/api/contacts?tagId=${tag.id}&limit=1`, { as: api.admin })).body.total).toBe(total);
    const undo = await api.request('POST', `/api/batches/${run.body.data.id}/undo`, { as: api.admin });
    expect(undo.status).toBe(200);
    expect(undo.body.data).toMatchObject({ restored: total, skipped: [] });
    expect((await api.request('GET', `/api/contacts?tagId=${tag.id}&limit=1`, { as: api.admin })).body.total).toBe(0);
    expect((await api.request('POST', `/api/batches/${run.body.data.id}/undo`, { as: api.admin })).status).toBe(409);
  });

  it('answers a bad bulk request with a 4xx and writes nothing', async () => {
    const activity = async () => ((await api.request('GET', '/api/activity?limit=1', { as: api.admin })).body as Json).total as number;
    const before = await activity();
    const total = (await api.request('GET', '/api/contacts?limit=1', { as: api.admin })).body.total as number;
    const bad: [Json, number][] = [
      [{ collection: 'contacts', selection: { query: {} }, action: { kind: 'paint' } }, 400],
      [{ collection: 'funds', selection: { query: {} }, action: { kind: 'trash' } }, 400],
      [{ collection: 'contacts', selection: { query: { sort: 'name' } }, action: { kind: 'trash' } }, 400],
      [{ collection: 'contacts', selection: { query: {} }, action: { kind: 'trash' }, expectedCount: total + 1 }, 409],
      [{ collection: 'contacts', selection: { query: {} }, action: { kind: 'addTag', tagId: '01890000-0000-7000-8000-000000000000' } }, 404],
    ];
    for (const [body, status] of bad) {
      const response = await api.request('POST', '/api/batches', { as: api.admin, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    expect(await activity()).toBe(before);
    expect((await api.request('GET', '/api/contacts?limit=1', { as: api.admin })).body.total).toBe(total);
  });
});
