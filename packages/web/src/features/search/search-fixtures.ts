import type { RetrievalEntity, RetrievalHit, RetrievalSearchResult } from './search-api';

/** Test data for the Search screen and the palette (uuid-shaped ids, as the API sends). */
export const ids = {
  acme: '0190c0de-0000-7000-8000-00000000a001',
  ada: '0190c0de-0000-7000-8000-00000000c001',
  bo: '0190c0de-0000-7000-8000-00000000c002',
  fund: '0190c0de-0000-7000-8000-00000000f001',
};

export const searchEntities: RetrievalEntity[] = [
  { id: ids.acme, type: 'organization', label: 'Acme Family Office' },
  { id: ids.ada, type: 'contact', label: 'Ada Chen' },
  { id: ids.bo, type: 'contact', label: 'Bo Lindqvist' },
  { id: ids.fund, type: 'fund', label: 'Fund III' },
];

export function hit(overrides: Partial<RetrievalHit> = {}): RetrievalHit {
  return {
    sourceType: 'communication',
    sourceId: 'comm-1',
    chunkId: 'communication:comm-1:0',
    start: 0,
    end: 40,
    score: 1,
    snippet: 'They asked for the «DDQ» before the call',
    entityIds: [],
    kind: 'call',
    // 05:00 UTC is 1 March from UTC to UTC+14, the zones CI runs the tests in.
    eventAt: '2031-03-01T05:00:00.000Z',
    fundId: null,
    title: 'Quarterly check-in',
    ...overrides,
  };
}

export function searchResult(hits: RetrievalHit[], entities = searchEntities): RetrievalSearchResult {
  return { data: hits, tookMs: 4.2, entities };
}
