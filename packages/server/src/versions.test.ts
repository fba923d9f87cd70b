import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment, createContact, createCustomField, createFund, createOrganization, createTag, createTask, createCommunication } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

/* biome-ignore lint/suspicious/noExplicitAny: loose JSON in assertions */
type Json = any;

describe.each(testDialects())('versioned writes and batches on %s', (dialect) => {
  let api: TestApi;
  const post = (url: string, body: unknown) => api.request('POST', url, { as: api.admin, body });
  const get = (url: string) => api.request('GET', url, { as: api.admin });
  const patch = (url: string, body: unknown, headers: Record<string, string> = {}) => api.request('PATCH', url, { as: api.admin, body, headers });
  const activityFor = async (entityId: string): Promise<Json[]> => (await get(`/api/activity?entityId=${entityId}&limit=200`)).body.data;

  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('every collection returns a version that starts at 1 and rises by one per change, with an ETag', async () => {
    const commitment = await createCommitment(api);
    const records: [string, Json][] = [
      ['organizations', await createOrganization(api)],
      ['contacts', await createContact(api)],
      ['funds', await createFund(api)],
      ['commitments', commitment],
      ['tags', await createTag(api)],
      ['tasks', await createTask(api, { entityType: 'commitment', entityId: commitment.id })],
      ['communications', await createCommunication(api, { commitmentIds: [commitment.id] })],
      ['custom-fields', await createCustomField(api)],
    ];
    for (const [collection, record] of records) {
      expect(record.version, collection).toBe(1);
      const fetched = await get(`/api/${collection}/${record.id}`);
      expect(fetched.headers.etag, collection).toBe('"1"');
      const listed = await get(`/api/${collection}?limit=200`);
      expect(listed.body.data.find((r: Json) => r.id === record.id).version, collection).toBe(1);
    }
    const organization = records[0]?.[1];
    const first = await patch(`/api/organizations/${organization.id}`, { location: 'Boston' });
    expect(first.body.data.version).toBe(2);
    expect(first.headers.etag).toBe('"2"');
    expect((await patch(`/api/organizations/${organization.id}`, { emailDomains: ['harbor.example.com'], description: 'Anchor' })).body.data.version).toBe(3);
    expect((await api.request('DELETE', `/api/organizations/${organization.id}`, { as: api.admin })).status).toBe(204);
    expect((await post(`/api/organizations/${organization.id}/restore`, undefined)).body.data.version).toBe(5);
  });

  it('If-Match: a stale version answers 412 with the current record and changes nothing; the current one applies', async () => {
    const contact = await createContact(api, { title: 'Partner' });
    const moved = await patch(`/api/contacts/${contact.id}`, { title: 'Managing Partner' }, { 'if-match': '"1"' });
    expect(moved.status).toBe(200);
    expect(moved.body.data.version).toBe(2);

    const stale = await patch(`/api/contacts/${contact.id}`, { title: 'CIO' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(stale.body.error.details.current).toMatchObject({ id: contact.id, version: 2, title: 'Managing Partner' });
    const after = (await get(`/api/contacts/${contact.id}`)).body.data;
    expect(after).toMatchObject({ version: 2, title: 'Managing Partner' });
    expect((await activityFor(contact.id)).map((e) => e.action)).toEqual(['update', 'create']);

    expect((await patch(`/api/contacts/${contact.id}`, { title: 'CIO' }, { 'if-match': 'W/"2"' })).status).toBe(200);
    expect((await patch(`/api/contacts/${contact.id}`, { title: 'CFO' }, { 'if-match': '*' })).body.data.version).toBe(4);
    for (const bad of ['"abc"', '"0"', '"-1"', '1.5']) {
      const response = await patch(`/api/contacts/${contact.id}`, { title: 'x' }, { 'if-match': bad });
      expect(response.status, bad).toBe(400);
    }
    expect((await get(`/api/contacts/${contact.id}`)).body.data).toMatchObject({ version: 4, title: 'CFO' });
  });

  it('without If-Match only the fields sent change, so two editors of different fields never clobber each other', async () => {
    const organization = await createOrganization(api, { location: 'Boston', description: 'Old' });
    await Promise.all([patch(`/api/organizations/${organization.id}`, { location: 'New York' }), patch(`/api/organizations/${organization.id}`, { description: 'Family office, anchor LP' })]);
    expect((await get(`/api/organizations/${organization.id}`)).body.data).toMatchObject({ location: 'New York', description: 'Family office, anchor LP', version: 3 });
  });

  it('parallel PATCHes of one field leave a consistent before/after chain in the log', async () => {
    const contact = await createContact(api, { title: 'v0' });
    const writers = 50;
    const responses = await Promise.all(Array.from({ length: writers }, (_, i) => patch(`/api/contacts/${contact.id}`, { title: `v${i + 1}` })));
    expect(responses.map((r) => r.status)).toEqual(Array(writers).fill(200));
    expect(new Set(responses.map((r) => r.body.data.version)).size).toBe(writers);

    const updates = (await activityFor(contact.id)).filter((e) => e.action === 'update').reverse();
    expect(updates).toHaveLength(writers);
    let previous = 'v0';
    for (const entry of updates) {
      expect(entry.diff.before.title).toBe(previous);
      previous = entry.diff.after.title;
    }
    const final = (await get(`/api/contacts/${contact.id}`)).body.data;
    expect(final.title).toBe(previous);
    expect(final.version).toBe(writers + 1);
  });

  it('POST /api/batch applies many fields of many records in one transaction, one version and log entry per record', async () => {
    await createCustomField(api, { entityType: 'commitment', key: 'anchor_lp', label: 'Anchor LP', type: 'boolean' });
    const commitment = await createCommitment(api, { stage: 'meeting', expectedAmount: 500_000_00 });
    const organization = await createOrganization(api, { name: 'Harbor Trust' });
    const response = await post('/api/batch', {
      changes: [
        { entityType: 'commitment', entityId: commitment.id, field: 'expectedAmount', value: 750_000_00, expected: 500_000_00 },
        { entityType: 'commitment', entityId: commitment.id, field: 'stage', value: 'soft_circle', expected: 'meeting' },
        { entityType: 'commitment', entityId: commitment.id, field: 'customFields.anchor_lp', value: true, expected: null },
        { entityType: 'organization', entityId: organization.id, field: 'name', value: 'Harbor Trust (renamed)' },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.data.applied).toBe(4);
    const after = (await get(`/api/commitments/${commitment.id}`)).body.data;
    expect(after).toMatchObject({ expectedAmount: 750_000_00, stage: 'soft_circle', customFields: { anchor_lp: true }, version: 2 });
    expect((await get(`/api/organizations/${organization.id}`)).body.data).toMatchObject({ name: 'Harbor Trust (renamed)', version: 2 });
    const log = await activityFor(commitment.id);
    expect(log.map((e) => e.action)).toEqual(['update', 'stage_change', 'create']);
    expect(new Set(log.slice(0, 2).map((e) => e.requestId)).size).toBe(1);
  });

  it('a batch with a stale expected value answers 409 with every conflict and applies nothing', async () => {
    const commitment = await createCommitment(api, { stage: 'meeting', expectedAmount: 500_000_00 });
    const organization = await createOrganization(api, { location: 'Boston' });
    await patch(`/api/commitments/${commitment.id}`, { expectedAmount: 600_000_00 });
    const response = await post('/api/batch', {
      changes: [
        { entityType: 'organization', entityId: organization.id, field: 'location', value: 'Chicago', expected: 'Boston' },
        { entityType: 'commitment', entityId: commitment.id, field: 'expectedAmount', value: 900_000_00, expected: 500_000_00 },
        { entityType: 'commitment', entityId: commitment.id, field: 'nextStep', value: 'Send the deck', expected: 'Call' },
      ],
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('conflict');
    expect(response.body.error.details.conflicts).toEqual([
      { entityType: 'commitment', entityId: commitment.id, field: 'expectedAmount', current: 600_000_00 },
      { entityType: 'commitment', entityId: commitment.id, field: 'nextStep', current: null },
    ]);
    expect((await get(`/api/organizations/${organization.id}`)).body.data).toMatchObject({ location: 'Boston', version: 1 });
    expect((await get(`/api/commitments/${commitment.id}`)).body.data).toMatchObject({ expectedAmount: 600_000_00, nextStep: null, version: 2 });
    expect((await activityFor(organization.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('a batch refuses unknown fields, bad values, missing records and changes the caller may not make, writing nothing', async () => {
    const commitment = await createCommitment(api);
    const cases: [Json, number, RegExp][] = [
      [{ changes: [{ entityType: 'commitment', entityId: commitment.id, field: 'constructor', value: 1 }] }, 400, /no editable field/],
      [{ changes: [{ entityType: 'commitment', entityId: commitment.id, field: 'organizationId', value: commitment.id }] }, 400, /no editable field/],
      [{ changes: [{ entityType: 'commitment', entityId: commitment.id, field: 'expectedAmount', value: 'lots' }] }, 400, /expectedAmount/],
      [{ changes: [{ entityType: 'commitment', entityId: commitment.id, field: 'customFields.nope', value: 1 }] }, 400, /nope/],
      [{ changes: [{ entityType: 'commitment', entityId: '0190c0de-0000-7000-8000-00000000dead', field: 'nextStep', value: 'x' }] }, 404, /not found/],
      [{ changes: [{ entityType: 'user', entityId: commitment.id, field: 'role', value: 'admin' }] }, 400, /entityType/],
      [{ changes: [] }, 400, /changes/],
      [
        {
          changes: [
            { entityType: 'commitment', entityId: commitment.id, field: 'nextStep', value: 'a' },
            { entityType: 'commitment', entityId: commitment.id, field: 'nextStep', value: 'b' },
          ],
        },
        400,
        /twice/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const response = await post('/api/batch', body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.error.message).toMatch(message);
    }
    const agent = await api.createUser(`agent_${commitment.id.slice(-8)}`, 'agent');
    const denied = await api.request('POST', '/api/batch', { as: agent, body: { changes: [{ entityType: 'commitment', entityId: commitment.id, field: 'nextStep', value: 'x' }] } });
    expect(denied.status).toBe(403);
    expect((await get(`/api/commitments/${commitment.id}`)).body.data).toMatchObject({ nextStep: null, version: 1 });
  });
});
