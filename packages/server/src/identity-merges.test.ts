import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

let serial = 0;

describe.each(testDialects())('identity merge routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('compares, merges, lists and undoes a merge of two contacts over HTTP', async () => {
    const n = ++serial;
    const a = await createContact(api, { firstName: 'Ingrid', lastName: `Solberg${n}`, emails: [`ingrid${n}@solberg.example.com`] });
    const b = await createContact(api, { firstName: 'Inga', lastName: `Solberg${n}`, title: 'CIO', emails: [`inga${n}@gmail.com`] });

    const compare = await api.request('GET', `/api/identity/compare?a=${a.id}&b=${b.id}`, { as: api.admin });
    expect(compare.status).toBe(200);
    expect(compare.body.data.entityType).toBe('contact');
    expect(compare.body.data.fields.find((f: { field: string }) => f.field === 'firstName')).toMatchObject({ a: 'Ingrid', b: 'Inga', differs: true });

    const merged = await api.request('POST', '/api/identity/merges', {
      as: api.admin,
      body: { entityType: 'contact', survivorId: a.id, mergedId: b.id, fields: { firstName: 'merged' } },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.data).toMatchObject({
      survivor: { entityId: a.id },
      merged: { entityId: b.id, deleted: true },
      rule: 'manual',
      actorName: expect.any(String),
    });
    const survivor = await api.request('GET', `/api/contacts/${a.id}`, { as: api.admin });
    expect(survivor.body.data).toMatchObject({ firstName: 'Inga', title: 'CIO', emails: [`ingrid${n}@solberg.example.com`, `inga${n}@gmail.com`] });

    const list = await api.request('GET', `/api/identity/merges?entityId=${a.id}`, { as: api.admin });
    expect(list.body).toMatchObject({ total: 1, data: [{ id: merged.body.data.id }] });
    expect((await api.request('GET', `/api/identity/merges/${merged.body.data.id}`, { as: api.admin })).body.data.id).toBe(merged.body.data.id);

    const undone = await api.request('POST', `/api/identity/merges/${merged.body.data.id}/undo`, { as: api.admin });
    expect(undone.status).toBe(200);
    expect(undone.body.data.undoneAt).not.toBeNull();
    expect((await api.request('GET', `/api/contacts/${a.id}`, { as: api.admin })).body.data).toMatchObject({
      firstName: 'Ingrid',
      title: null,
      emails: [`ingrid${n}@solberg.example.com`],
    });
    expect((await api.request('GET', `/api/identity/merges?entityId=${a.id}`, { as: api.admin })).body.total).toBe(0);
    expect((await api.request('GET', `/api/identity/merges?entityId=${a.id}&includeUndone=true`, { as: api.admin })).body.total).toBe(1);
    expect((await api.request('POST', `/api/identity/merges/${merged.body.data.id}/undo`, { as: api.admin })).status).toBe(409);
  });

  it('answers 400, 403, 404 and 409 for what it cannot do', async () => {
    const n = ++serial;
    const org = await createOrganization(api, { name: `Fjord Partners ${n}` });
    const other = await createOrganization(api, { name: `Fjord Partners ${n} AS` });
    const person = await createContact(api, { lastName: `Fjord${n}` });
    const post = (body: unknown, as = api.admin) => api.request('POST', '/api/identity/merges', { as, body });
    expect((await post({ entityType: 'organization', survivorId: org.id, mergedId: org.id })).status).toBe(400);
    expect((await post({ entityType: 'organization', survivorId: org.id, mergedId: other.id, fields: { colour: 'merged' } })).status).toBe(400);
    expect((await post({ entityType: 'organization', survivorId: org.id, mergedId: person.id })).status).toBe(409);
    expect((await post({ entityType: 'organization', survivorId: org.id, mergedId: '01900000-0000-7000-8000-000000000000' })).status).toBe(404);
    const agent = await api.createUser(`agent${n}`, 'agent');
    expect((await post({ entityType: 'organization', survivorId: org.id, mergedId: other.id }, agent)).status).toBe(403);
    expect((await api.request('GET', `/api/identity/compare?a=${org.id}&b=${person.id}`, { as: api.admin })).status).toBe(400);
    expect((await api.request('GET', '/api/identity/merges/01900000-0000-7000-8000-000000000000', { as: api.admin })).status).toBe(404);
    expect((await api.request('POST', '/api/identity/merges/01900000-0000-7000-8000-000000000000/undo', { as: api.admin })).status).toBe(404);
  });
});
