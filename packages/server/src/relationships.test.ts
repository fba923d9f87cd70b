import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRelationshipFixture } from './testing/relationship-fixture.js';
import { createTestApi, type TestApi } from './testing/harness.js';

const MISSING = '01900000-0000-7000-8000-000000000000';
let serial = 0;

describe.each(testDialects())('relationship routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('shows works-at, knows, met-together and introductions with the formula, and the intro path through them', async () => {
    const { contactId, organizationId, userId, friendId } = await createRelationshipFixture(api);
    const contact = await api.request('GET', `/api/contacts/${contactId}/relationships`, { as: api.admin });
    expect(contact.status).toBe(200);
    expect(contact.body.formula).toContain('1 − exp');
    expect(contact.body.data.map((view: { kind: string }) => view.kind).sort()).toEqual(['introduced_by', 'knows', 'met_together', 'works_at']);
    const friend = await api.request('GET', `/api/contacts/${friendId}/relationships`, { as: api.admin });
    const knows = friend.body.data.find((view: { kind: string }) => view.kind === 'knows');
    expect(knows).toMatchObject({ from: { type: 'user', id: userId } });
    expect(knows.evidence[0]).toMatchObject({ kind: 'meeting', summary: expect.stringContaining('Coffee') });
    const path = await api.request('GET', `/api/relationships/intro-path?to=${organizationId}&from=${userId}`, { as: api.admin });
    // The friend introduced the contact (strength 1), which beats their one call together.
    const kinds = path.body.data.paths.map((p: { hops: { kind: string }[] }) => p.hops.map((hop) => hop.kind).join('>'));
    expect(kinds.slice(0, 2)).toEqual(['knows>introduced_by>works_at', 'knows>met_together>works_at']);
  });

  it('edits works-at with If-Match and refuses bad dates, unknown records and stale versions', async () => {
    const { contactId, organizationId } = await createRelationshipFixture(api);
    const { version } = (await api.request('GET', `/api/contacts/${contactId}`, { as: api.admin })).body.data;
    const url = `/api/contacts/${contactId}/organizations/${organizationId}`;
    const edited = await api.request('PATCH', url, {
      as: api.admin,
      body: { title: 'CIO', startedOn: '2019-05-01', endedOn: '2024-06-30' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.find((view: { kind: string }) => view.kind === 'works_at')).toMatchObject({
      title: 'CIO',
      startedOn: '2019-05-01',
      endedOn: '2024-06-30',
      strength: 0.3,
    });
    expect((await api.request('PATCH', url, { as: api.admin, body: { title: 'x' }, headers: { 'if-match': `"${version}"` } })).status).toBe(412);
    expect((await api.request('PATCH', url, { as: api.admin, body: { endedOn: '2010-01-01' } })).status).toBe(400);
    expect((await api.request('PATCH', url, { as: api.admin, body: { startedOn: 'yesterday' } })).status).toBe(400);
    expect((await api.request('PATCH', `/api/contacts/${contactId}/organizations/${MISSING}`, { as: api.admin, body: { title: 'x' } })).status).toBe(404);
    expect((await api.request('GET', `/api/contacts/${MISSING}/relationships`, { as: api.admin })).status).toBe(404);
  });

  it('introductions: 201 then 204, 400 for an unknown introducer, 404 for none to delete; members may add, only admins rebuild', async () => {
    const { contactId, userId } = await createRelationshipFixture(api);
    const member = await api.createUser(`relmember${++serial}`, 'member');
    const added = await api.request('POST', `/api/contacts/${contactId}/introductions`, { as: member, body: { introducedById: userId, on: '2030-01-02' } });
    expect(added.status).toBe(201);
    expect((await api.request('POST', `/api/contacts/${contactId}/introductions`, { as: member, body: { introducedById: MISSING } })).status).toBe(400);
    expect((await api.request('DELETE', `/api/contacts/${contactId}/introductions/${userId}`, { as: member })).status).toBe(204);
    expect((await api.request('DELETE', `/api/contacts/${contactId}/introductions/${userId}`, { as: member })).status).toBe(404);
    expect((await api.request('POST', '/api/relationships/rebuild', { as: member })).status).toBe(403);
    const rebuilt = await api.request('POST', '/api/relationships/rebuild', { as: api.admin });
    expect(rebuilt.body.data.knows).toBeGreaterThan(0);
    expect((await api.request('GET', `/api/relationships/intro-path?to=${MISSING}`, { as: api.admin })).status).toBe(404);
    expect((await api.request('GET', `/api/relationships/intro-path?to=${contactId}&maxHops=9`, { as: api.admin })).status).toBe(400);
  });
});
