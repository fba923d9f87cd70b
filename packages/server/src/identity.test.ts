import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('identity routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('posts records, lists them with rule and confidence, and re-posting updates the same record', async () => {
    const record = { source: 'airtable', externalId: 'recRoute1', kind: 'person', name: 'Noor Rahman', emails: ['noor@rahman-route.example.com'] };
    const posted = await api.request('POST', '/api/identity/records', { as: api.admin, body: { records: [record] } });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({ data: [{ source: 'airtable', externalId: 'recRoute1', entityType: 'contact', entityId: expect.any(String) }] });
    const again = await api.request('POST', '/api/identity/records', { as: api.admin, body: { records: [{ ...record, title: 'CIO' }] } });
    expect(again.body.data[0].entityId).toBe(posted.body.data[0].entityId);
    const listed = await api.request('GET', '/api/identity/records?source=airtable&externalId=recRoute1', { as: api.admin });
    expect(listed.body).toMatchObject({
      total: 1,
      limit: 100,
      offset: 0,
      data: [{ entityType: 'contact', entityId: posted.body.data[0].entityId, rule: 'new', confidence: 1, record: { title: 'CIO' } }],
    });
    const how = await api.request('GET', `/api/identity/entities/${posted.body.data[0].entityId}/how`, { as: api.admin });
    expect(how.body.data.records).toHaveLength(1);
  });

  it('answers bad input with 400 and field paths, unknown ids with 404, and scan only for admins', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ source: 'csv', externalId: `r${i}`, kind: 'person', name: `P ${i}` }));
    const big = await api.request('POST', '/api/identity/records', { as: api.admin, body: { records: tooMany } });
    expect(big.status).toBe(400);
    expect(big.body.error.details.issues[0].path).toEqual(['records']);
    const nameless = await api.request('POST', '/api/identity/records', {
      as: api.admin,
      body: { records: [{ source: 'csv', externalId: 'x', kind: 'organization' }] },
    });
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.details.issues[0].path).toEqual(['records', '0', 'name']);
    const badSource = await api.request('POST', '/api/identity/records', {
      as: api.admin,
      body: { records: [{ source: 'CSV file', externalId: 'x', kind: 'person', name: 'A B' }] },
    });
    expect(badSource.status).toBe(400);
    const unknown = '01900000-0000-7000-8000-000000000001';
    expect((await api.request('GET', `/api/identity/entities/${unknown}/how`, { as: api.admin })).status).toBe(404);
    expect((await api.request('GET', `/api/identity/why?a=${unknown}&b=${unknown}`, { as: api.admin })).status).toBe(404);
    expect((await api.request('POST', `/api/identity/suggestions/${unknown}/reject`, { as: api.admin })).status).toBe(404);
    expect((await api.request('GET', '/api/identity/records?limit=1001', { as: api.admin })).status).toBe(400);
    const member = await api.createUser('identity-member', 'member');
    expect((await api.request('POST', '/api/identity/scan', { as: member })).status).toBe(403);
    const scan = await api.request('POST', '/api/identity/scan', { as: api.admin });
    expect(scan.status).toBe(200);
    expect(scan.body.data).toMatchObject({
      records: expect.any(Number),
      autoMerged: expect.any(Number),
      suggestions: expect.any(Number),
      backfilled: expect.any(Number),
    });
  });

  it('warns about a possible duplicate before a contact is created', async () => {
    const created = await api.request('POST', '/api/contacts', {
      as: api.admin,
      body: { firstName: 'Ines', lastName: 'Duarte', emails: ['ines@duarte-route.example.com'] },
    });
    expect(created.status).toBe(201);
    const check = await api.request('POST', '/api/identity/candidates', {
      as: api.admin,
      body: { kind: 'person', firstName: 'Ines', lastName: 'Duarte', emails: ['Ines@Duarte-Route.example.com'] },
    });
    expect(check.status).toBe(200);
    expect(check.body.data[0]).toMatchObject({ entity: { entityType: 'contact', entityId: created.body.data.id }, verdict: 'merge' });
    const none = await api.request('POST', '/api/identity/candidates', {
      as: api.admin,
      body: { kind: 'person', lastName: 'Nobody', emails: ['nobody@nowhere-route.example.com'] },
    });
    expect(none.body.data).toEqual([]);
  });
});
