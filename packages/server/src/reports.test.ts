import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment, createContact, createFund, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

describe.each(testDialects())('GET /api/reports/lp-tracker on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  const get = (url: string) => api.request('GET', url, { as: api.admin });

  it('answers one page with total, limit and offset, and totals over the whole fund', async () => {
    const fund = await createFund(api, { name: 'Paged Fund' });
    for (const [i, amount] of [300, 100, 200].entries()) {
      const org = await createOrganization(api, { name: `Paged LP ${i}` });
      const contact = await createContact(api, { lastName: `Paged ${i}`, organizationId: org.id, accreditationStatus: 'verified' });
      await createCommitment(api, { organizationId: org.id, fundId: fund.id, stage: 'committed', committedAmount: amount, primaryContactId: contact.id });
    }
    const first = await get(`/api/reports/lp-tracker?fundId=${fund.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ total: 3, limit: 2, offset: 0, summary: { committedAmount: 600, lpCount: 3, averageCommitment: 200 } });
    expect(first.body.data.rows.map((r: { committedAmount: number }) => r.committedAmount)).toEqual([300, 200]);
    expect(first.body.data.rows[0].accreditationStatus).toBe('verified');
    const second = await get(`/api/reports/lp-tracker?fundId=${fund.id}&limit=2&offset=2`);
    expect(second.body.data.rows.map((r: { committedAmount: number }) => r.committedAmount)).toEqual([100]);
    const searched = await get(`/api/reports/lp-tracker?fundId=${fund.id}&q=lp%201&sort=name&missing=wire&k1TaxYear=2030`);
    expect(searched.status).toBe(200);
    expect(searched.body.data).toMatchObject({ total: 1, summary: { committedAmount: 100, lpCount: 1 } });
    // Without paging parameters the first 50 come back, as before paging existed.
    expect((await get(`/api/reports/lp-tracker?fundId=${fund.id}`)).body.data).toMatchObject({ total: 3, limit: 50, offset: 0 });
  });

  it.each([
    ['limit above 200', 'limit=201', 'limit'],
    ['limit not a number', 'limit=all', 'limit'],
    ['negative offset', 'offset=-5', 'offset'],
    ['unknown sort field', 'sort=probability', 'sort'],
    ['malformed sort', 'sort=name,stage', 'sort'],
    ['unknown paperwork', 'missing=everything', 'missing'],
    ['K-1 year not a year', 'k1TaxYear=20301', 'k1TaxYear'],
    ['unknown parameter', 'page=2', 'page'],
    ['fund id not an id', 'fundId=42', 'fundId'],
  ])('%s → 400', async (_name, query, mentions) => {
    const res = await get(`/api/reports/lp-tracker?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain(mentions);
  });
});
