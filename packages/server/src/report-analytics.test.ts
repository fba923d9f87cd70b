import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@lpdesk/core/testing';
import { createCommitment, createFund, createOrganization, moveStages } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

/** The Reports area over HTTP: `{data}` JSON, `?format=csv` with the same rows, 400 on bad input. */
describe.each(testDialects())('report routes on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('answers JSON and the same rows as CSV, for the chosen table', async () => {
    const fund = await createFund(api, { name: 'Fund Nine', targetAmount: 500_000_00 });
    const investor = await createOrganization(api, { name: 'Nine Pension', kind: 'pension', location: 'Oslo' });
    const commitment = await createCommitment(api, { fundId: fund.id, organizationId: investor.id, expectedAmount: 120_000_00 });
    await moveStages(api, commitment.id, ['meeting', 'committed'], { committedAmount: 100_000_00 });
    const json = await api.request('GET', `/api/reports/lp-breakdown?fundId=${fund.id}`, { as: api.admin });
    expect(json.status).toBe(200);
    expect(json.body.data).toMatchObject({
      lpCount: 1,
      committedAmount: 100_000_00,
      byKind: [{ kind: 'pension', count: 1, committedAmount: 100_000_00, share: 1 }],
    });
    const csv = await api.request('GET', `/api/reports/lp-breakdown?fundId=${fund.id}&format=csv&table=byGeography`, { as: api.admin });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/lp-breakdown-byGeography-fund-nine-/);
    expect(csv.body).toBe('\uFEFFLocation,LPs,Committed,Currency,Share\r\nOslo,1,100000.00,USD,1\r\n');
    const progress = await api.request('GET', `/api/reports/fund-progress?fundId=${fund.id}`, { as: api.admin });
    expect(progress.body.data).toMatchObject({ targetAmount: 500_000_00, committedAmount: 100_000_00 });
    expect(progress.body.data.series.at(-1)).toMatchObject({ committedAmount: 100_000_00, closedAmount: 0 });
    const series = await api.request('GET', `/api/reports/fund-progress?fundId=${fund.id}&format=csv`, { as: api.admin });
    const rows = series.body.slice(1).trimEnd().split('\r\n');
    expect(rows.slice(1)).toEqual(
      progress.body.data.series.map(
        (p: { date: string; committedAmount: number; closedAmount: number }) =>
          `${p.date},${(p.committedAmount / 100).toFixed(2)},${(p.closedAmount / 100).toFixed(2)},USD`,
      ),
    );
    const sheet = await api.request('GET', `/api/reports/tear-sheet/${investor.id}?format=csv`, { as: api.admin });
    expect(sheet.body.split('\r\n')[1]).toMatch(/^Fund Nine,committed,USD,120000\.00,100000\.00,,,/);
    for (const url of ['/api/reports/pipeline-analysis', '/api/reports/conversion', '/api/reports/activity']) {
      const response = await api.request('GET', `${url}?format=csv`, { as: api.admin });
      expect(response.status, url).toBe(200);
      expect(response.body.startsWith('\uFEFF'), url).toBe(true);
    }
  });

  it('refuses bad input with 400 and unknown records with 404', async () => {
    const fund = await createFund(api);
    const cases: [string, number, RegExp][] = [
      ['/api/reports/fund-progress?fundId=nope', 400, /fundId/],
      ['/api/reports/conversion?from=2031-02-01&to=2031-01-01', 400, /from: must be on or before to/],
      ['/api/reports/conversion?from=2031-13-01', 400, /from/],
      ['/api/reports/activity?coldDays=0', 400, /coldDays/],
      ['/api/reports/activity?format=xml', 400, /format/],
      ['/api/reports/pipeline-analysis?format=csv&table=bogus', 400, /table/],
      [`/api/reports/reups?fromFundId=${fund.id}`, 400, /toFundId/],
      [`/api/reports/reups?fromFundId=${fund.id}&toFundId=${fund.id}`, 400, /toFundId/],
      ['/api/reports/lp-breakdown?fundId=00000000-0000-4000-8000-000000000000', 404, /Fund/],
      ['/api/reports/tear-sheet/00000000-0000-4000-8000-000000000000', 404, /Organization/],
    ];
    for (const [url, status, message] of cases) {
      const response = await api.request('GET', url, { as: api.admin });
      expect(response.status, url).toBe(status);
      expect(response.body.error.message, url).toMatch(message);
    }
    expect((await api.request('GET', '/api/reports/activity')).status).toBe(401);
  });
});
