import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './testing/harness.js';
import { multipartBody, uploadCsv } from './testing/multipart.js';

const CSV = '\ufeffName;E-mail;Company;Tags\r\nJane Doe;jane@http-import.example;Northwind;"Tier 1, LP"\r\n;;;\r\nRob Roe;rob@http-import.example;Northwind;\r\nNo Email;not-an-email;;\r\n';
const MAPPING = { Name: 'fullName', 'E-mail': 'email', Company: 'organization', Tags: 'tags' };

describe.each(testDialects())('CSV import over HTTP on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  it('uploads (multipart), dry-runs and runs with matching per-row reports, then undoes', async () => {
    const uploaded = await uploadCsv(api, api.admin, CSV, { name: 'people.csv' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.data).toMatchObject({
      fileName: 'people.csv',
      entity: 'contacts',
      columns: ['Name', 'E-mail', 'Company', 'Tags'],
      suggestedMapping: MAPPING,
      remembered: false,
      preview: { delimiter: ';', encoding: 'utf-8', rowCount: 3, rows: [{ Name: 'Jane Doe', 'E-mail': 'jane@http-import.example', Company: 'Northwind', Tags: 'Tier 1, LP' }, expect.anything(), expect.anything()] },
    });
    const id = uploaded.body.data.id as string;
    const body = { entity: 'contacts', mapping: MAPPING };
    const dry = await api.request('POST', `/api/imports/${id}/dry-run`, { as: api.admin, body });
    expect(dry.status).toBe(200);
    expect(dry.body.rows.map((row: { line: number; action: string }) => [row.line, row.action])).toEqual([
      [2, 'create'],
      [4, 'create'],
      [5, 'error'],
    ]);
    expect(dry.body.totals).toEqual({ rows: 3, create: 2, update: 0, skip: 0, error: 1 });
    expect(dry.body.data.totals).toEqual(dry.body.totals);
    const run = await api.request('POST', `/api/imports/${id}/run`, { as: api.admin, body });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: 'completed', dryRun: false, totals: dry.body.totals });
    expect(run.body.rows.map((row: { action: string }) => row.action)).toEqual(dry.body.rows.map((row: { action: string }) => row.action));
    const jane = await api.request('GET', `/api/contacts/${run.body.rows[0].entityId}`, { as: api.admin });
    expect(jane.body.data).toMatchObject({ firstName: 'Jane', lastName: 'Doe', primaryOrganization: { name: 'Northwind' } });
    const record = await api.request('GET', `/api/identity/records?source=import.csv&externalId=${id}:2`, { as: api.admin });
    expect(record.body.data).toMatchObject([{ entityType: 'contact', entityId: jane.body.data.id }]);

    const history = await api.request('GET', '/api/imports', { as: api.admin });
    expect(history.body.data[0]).toMatchObject({ id, fileName: 'people.csv', entity: 'contacts', status: 'completed', totals: dry.body.totals, createdBy: { name: 'Ada Admin' } });
    const undone = await api.request('POST', `/api/imports/${id}/undo`, { as: api.admin });
    expect(undone.body.data).toMatchObject({ id, trashed: 5, reverted: 0, kept: [] });
    expect((await api.request('POST', `/api/imports/${id}/undo`, { as: api.admin })).status).toBe(409);
    expect((await api.request('GET', `/api/contacts/${jane.body.data.id}`, { as: api.admin })).body.data.deletedAt).not.toBeNull();
  });

  it('refuses bad input with 4xx and the error envelope', async () => {
    const id = (await uploadCsv(api, api.admin, 'Name,Email\nA B,a@bad-input.example\n')).body.data.id as string;
    const cases = [
      [await api.request('POST', `/api/imports/${id}/dry-run`, { as: api.admin, body: { entity: 'investors', mapping: {} } }), 400],
      [await api.request('POST', `/api/imports/${id}/dry-run`, { as: api.admin, body: { entity: 'contacts', mapping: { Name: 'shoeSize' } } }), 400],
      [await api.request('POST', `/api/imports/${id}/run`, { as: api.admin, body: { entity: 'contacts', mapping: { Name: 'fullName' }, options: { onDuplicate: 'merge' } } }), 400],
      [await uploadCsv(api, api.admin, ''), 400],
      [await uploadCsv(api, api.admin, 'Name,Email\n'), 400],
      [await uploadCsv(api, api.admin, 'Name\nA\n', { entity: 'investors' }), 400],
      [await api.request('POST', '/api/imports', { as: api.admin, ...multipartBody({ name: 'photo.png', content: '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0001', type: 'image/png' }) }), 400],
      [await api.request('POST', '/api/imports', { as: api.admin, body: { csv: 'Name\nA\n' } }), 415],
      [await api.request('POST', '/api/imports/01900000-0000-7000-8000-000000000000/run', { as: api.admin, body: { entity: 'contacts', mapping: {} } }), 404],
      [await api.request('GET', '/api/imports/fields?entity=investors', { as: api.admin }), 400],
    ] as const;
    for (const [response, status] of cases) {
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.error.message.length).toBeGreaterThan(0);
    }
    expect((await api.request('GET', `/api/imports/${id}`, { as: api.admin })).body.data).toMatchObject({ status: 'uploaded', processedRows: 0 });
  });

  it('lets members import and refuses agents', async () => {
    const agent = await api.createUser('importagent', 'agent');
    expect((await uploadCsv(api, agent, 'Name\nA\n')).status).toBe(403);
    const member = await api.createUser('importmember', 'member');
    expect((await uploadCsv(api, member, 'Name\nA\n')).status).toBe(201);
  });

  it('lists the fields a column can map to, custom fields included', async () => {
    await api.request('POST', '/api/custom-fields', { as: api.admin, body: { entityType: 'organization', key: 'aum_band', label: 'AUM band', type: 'select', options: ['<$1B', '$1B+'] } });
    const fields = await api.request('GET', '/api/imports/fields?entity=organizations', { as: api.admin });
    expect(fields.body.data.map((field: { key: string }) => field.key)).toEqual(expect.arrayContaining(['name', 'kind', 'website', 'tags', 'custom.aum_band']));
    expect(fields.body.data.find((field: { key: string }) => field.key === 'name')).toMatchObject({ label: 'Name', type: 'text', required: true });
  });
});
