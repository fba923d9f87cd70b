import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

interface BadInput {
  name: string;
  method: string;
  url: string | ((ids: Record<string, string>) => string);
  body?: unknown | ((ids: Record<string, string>) => unknown);
  rawBody?: string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
  /** Part of the message or an issue path, so the caller learns what to fix. */
  mentions?: string;
}

const BAD_INPUTS: BadInput[] = [
  { name: 'malformed JSON', method: 'POST', url: '/api/organizations', rawBody: '{"name": ', status: 400, code: 'bad_request', mentions: 'JSON' },
  { name: 'JSON that is not an object', method: 'POST', url: '/api/organizations', rawBody: '[1,2]', status: 400, code: 'validation_failed' },
  { name: 'empty JSON body', method: 'POST', url: '/api/organizations', rawBody: '', status: 400 },
  { name: 'JSON null body', method: 'POST', url: '/api/organizations', rawBody: 'null', status: 400, code: 'validation_failed' },
  { name: 'form-encoded body', method: 'POST', url: '/api/organizations', rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type' },
  { name: 'unknown field', method: 'POST', url: '/api/organizations', body: { name: 'X', colour: 'red' }, status: 400, code: 'validation_failed', mentions: 'colour' },
  { name: 'missing required field', method: 'POST', url: '/api/contacts', body: { firstName: 'No last name' }, status: 400, mentions: 'lastName' },
  { name: 'wrong type', method: 'POST', url: '/api/organizations', body: { name: 42 }, status: 400, mentions: 'name' },
  { name: 'blank name', method: 'POST', url: '/api/organizations', body: { name: '   ' }, status: 400, mentions: 'name' },
  { name: 'unknown enum value', method: 'POST', url: '/api/organizations', body: { name: 'X', kind: 'hedge fund' }, status: 400, mentions: 'kind' },
  { name: 'float where minor units are required', method: 'POST', url: '/api/funds', body: { name: 'F', targetAmount: 1000.5 }, status: 400, mentions: 'minor units' },
  { name: 'money as a string', method: 'POST', url: '/api/funds', body: { name: 'F', targetAmount: '1000' }, status: 400, mentions: 'targetAmount' },
  { name: 'negative money', method: 'POST', url: '/api/funds', body: { name: 'F', targetAmount: -1 }, status: 400, mentions: 'targetAmount' },
  { name: 'money beyond 2^53', method: 'POST', url: '/api/funds', body: { name: 'F', targetAmount: 2 ** 60 }, status: 400, mentions: 'targetAmount' },
  { name: 'float commitment amount', method: 'POST', url: '/api/commitments', body: (i: Record<string, string>) => ({ organizationId: i.org, fundId: i.fund, expectedAmount: 99.99 }), status: 400, mentions: 'expectedAmount' },
  { name: 'lower-case currency', method: 'POST', url: '/api/funds', body: { name: 'F', currency: 'usd' }, status: 400, mentions: 'currency' },
  { name: 'bad email', method: 'POST', url: '/api/contacts', body: { lastName: 'X', emails: ['not-an-email'] }, status: 400, mentions: 'emails' },
  { name: 'bad date', method: 'POST', url: '/api/tasks', body: { title: 'T', dueOn: '31/12/2026' }, status: 400, mentions: 'dueOn' },
  { name: 'bad date-time', method: 'POST', url: '/api/communications', body: (i: Record<string, string>) => ({ kind: 'call', occurredAt: 'yesterday', organizationIds: [i.org] }), status: 400, mentions: 'occurredAt' },
  { name: 'unknown stage', method: 'POST', url: (i) => `/api/commitments/${i.commitment}/stage`, body: { stage: 'won' }, status: 400, mentions: 'stage' },
  { name: 'non-UUID id in path', method: 'GET', url: '/api/contacts/123', status: 400, mentions: 'id' },
  { name: 'unknown id', method: 'GET', url: '/api/contacts/01900000-0000-7000-8000-000000000000', status: 404, code: 'not_found' },
  { name: 'reference to a missing organization', method: 'POST', url: '/api/contacts', body: { lastName: 'X', organizationId: '01900000-0000-7000-8000-000000000000' }, status: 400, mentions: 'organizationId' },
  { name: 'limit not a number', method: 'GET', url: '/api/contacts?limit=abc', status: 400, mentions: 'limit' },
  { name: 'limit too large', method: 'GET', url: '/api/contacts?limit=100000', status: 400, mentions: 'limit' },
  { name: 'negative offset', method: 'GET', url: '/api/contacts?offset=-1', status: 400, mentions: 'offset' },
  { name: 'unknown query parameter', method: 'GET', url: '/api/contacts?colour=red', status: 400, mentions: 'colour' },
  { name: 'unknown sort field', method: 'GET', url: '/api/contacts?sort=password', status: 400, mentions: 'sort' },
  { name: 'repeated scalar parameter', method: 'GET', url: '/api/contacts?limit=1&limit=2', status: 400, mentions: 'limit' },
  { name: 'unknown route', method: 'GET', url: '/api/nothing-here', status: 404, code: 'not_found' },
  { name: 'password too short at setup', method: 'POST', url: '/api/setup', body: { username: 'x', password: 'short' }, status: 400, mentions: 'password' },
  { name: 'empty patch on a missing record', method: 'PATCH', url: '/api/organizations/01900000-0000-7000-8000-000000000000', body: {}, status: 404 },
];

describe.each(testDialects())('bad input on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  /** Existing records for the inputs that refer to one, made by the test that needs them. */
  const existingRecords = async (): Promise<Record<string, string>> => {
    const commitment = await createCommitment(api);
    return { org: commitment.organizationId, fund: commitment.fundId, commitment: commitment.id };
  };

  it.each(BAD_INPUTS)('$name → $status', async (bad) => {
    const ids = typeof bad.url === 'function' || typeof bad.body === 'function' ? await existingRecords() : {};
    const before = await api.core.db.selectFrom('activityLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const url = typeof bad.url === 'function' ? bad.url(ids) : bad.url;
    const body = typeof bad.body === 'function' ? (bad.body as (i: Record<string, string>) => unknown)(ids) : bad.body;
    const res = await api.request(bad.method, url, {
      as: api.admin,
      ...(body !== undefined ? { body } : {}),
      ...(bad.rawBody !== undefined ? { rawBody: bad.rawBody } : {}),
      ...(bad.headers ? { headers: bad.headers } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(bad.status);
    expect(res.body.error.message).toEqual(expect.any(String));
    if (bad.code) expect(res.body.error.code).toBe(bad.code);
    if (bad.mentions) expect(JSON.stringify(res.body.error)).toContain(bad.mentions);
    const after = await api.core.db.selectFrom('activityLog').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n), 'nothing half-written').toBe(Number(before.n));
  });

  it('rolls back the whole write when a late step fails', async () => {
    const res = await api.request('POST', '/api/contacts', { as: api.admin, body: { lastName: 'Half', emails: ['half@x.example.com'], tagIds: ['01900000-0000-7000-8000-000000000000'] } });
    expect(res.status).toBe(400);
    const rows = await api.core.db.selectFrom('contacts').select('id').where('lastName', '=', 'Half').execute();
    expect(rows).toEqual([]);
    const emails = await api.core.db.selectFrom('contactEmails').select('id').where('emailNormalized', '=', 'half@x.example.com').execute();
    expect(emails).toEqual([]);
  });
});
