import { testDialects } from '@lpdesk/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommunication, createContact, createOrganization } from './testing/factories.js';
import { createTestApi, type TestApi } from './testing/harness.js';

interface Hit {
  sourceType: string;
  sourceId: string;
  chunkId: string;
  start: number;
  end: number;
  score: number;
  snippet: string;
  entityIds: string[];
}

describe.each(testDialects())('GET /api/search (retrieval) on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(dialect);
  });
  afterAll(() => api.close());

  const search = async (query: string) => {
    const response = await api.request('GET', `/api/search?${query}`, { as: api.admin });
    expect(response.status).toBe(200);
    return response.body as { data: Hit[]; tookMs: number; entities: { id: string; type: string; label: string }[] };
  };

  it('finds a communication by a word of its body, with offsets into the body and a marked snippet', async () => {
    const firm = await createOrganization(api, { name: 'Quillfeather Partners' });
    const body = 'Spoke with the CFO. They asked for the DDQ before the quillfeather investment committee meets in April.';
    const communication = await createCommunication(api, { kind: 'call', subject: 'Diligence call', body, organizationIds: [firm.id] });

    for (const mode of ['sparse', 'hybrid'] as const) {
      const result = await search(`q=DDQ&mode=${mode}`);
      const hit = result.data.find((h) => h.sourceId === communication.id);
      expect(hit, mode).toMatchObject({
        sourceType: 'communication',
        chunkId: `communication:${communication.id}:0`,
        start: 0,
        end: body.length,
        entityIds: [firm.id],
      });
      expect(hit?.snippet).toContain('«DDQ»');
      expect(result.entities).toContainEqual({ id: firm.id, type: 'organization', label: 'Quillfeather Partners' });
    }
    expect((await search('q=quillfeather+committee&mode=dense')).data.map((h) => h.sourceId)).toContain(communication.id);
  });

  it('reports its status, with nothing pending once caught up', async () => {
    const person = await createContact(api, { notes: 'Prefers morning calls; wary of GP commitment size.' });
    await search('q=wary&mode=hybrid');
    const status = (await api.request('GET', '/api/search/status', { as: api.admin })).body as {
      chunks: number;
      pending: number;
      embedder: { name: string; dimensions: number };
    };
    expect(status.pending).toBe(0);
    expect(status.chunks).toBeGreaterThan(0);
    expect(status.embedder).toEqual({ name: 'builtin:glove-sg-100d-sif', dimensions: 100 });
    expect((await search('q=wary&mode=sparse')).data.map((h) => h.sourceId)).toContain(person.id);
  });

  it('refuses bad input with 400', async () => {
    for (const query of ['q=%20', 'q=x&mode=fuzzy', 'q=x&limit=0', 'q=x&limit=101', 'q=x&from=yesterday', 'q=x&unknown=1']) {
      expect((await api.request('GET', `/api/search?${query}`, { as: api.admin })).status, query).toBe(400);
    }
    expect((await api.request('GET', '/api/search?q=x')).status).toBe(401);
  });
});
