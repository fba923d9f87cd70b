import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';
import { testDialects } from '@lpdesk/core/testing';

describe.each(testDialects())('GET /api/search/records on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('finds people and firms by name, email and firm, typos forgiven, live records only', async () => {
    const firm = await createOrganization(api, { name: 'Glimmerbrook Capital', location: 'Denver' });
    const person = await createContact(api, { firstName: 'Julia', lastName: 'Vondracek', emails: ['julia@glimmerbrook.example'], organizationId: firm.id });
    await api.core.dispatcher.drain();
    const search = async (q: string) =>
      (await api.request('GET', `/api/search/records?q=${encodeURIComponent(q)}`, { as: api.admin })).body.data as { id: string; type: string; match: string }[];

    expect((await search('glimmerbrook')).map((r) => r.id)).toEqual([firm.id, person.id]);
    expect(await search('Julai Vondracek')).toEqual([expect.objectContaining({ id: person.id, type: 'contact', match: 'typo' })]);
    expect((await search('julia@glimmer')).map((r) => r.id)).toEqual([person.id]);

    await api.request('DELETE', `/api/contacts/${person.id}`, { as: api.admin });
    expect((await search('vondracek')).map((r) => r.id)).toEqual([]);
    expect((await api.request('GET', '/api/contacts?q=vondracek&deleted=only', { as: api.admin })).body.total).toBe(1);
  });

  it('refuses an empty query and a limit out of range', async () => {
    expect((await api.request('GET', '/api/search/records?q=%20', { as: api.admin })).status).toBe(400);
    expect((await api.request('GET', '/api/search/records?q=a&limit=51', { as: api.admin })).status).toBe(400);
    expect((await api.request('GET', '/api/search/records?q=a')).status).toBe(401);
  });
});
