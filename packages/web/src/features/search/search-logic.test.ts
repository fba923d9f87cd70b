import { describe, expect, it } from 'vitest';
import { groupHits, relatedEntities } from './group-hits';
import { splitSnippet } from './highlighted-snippet';
import { hitPath } from './hit-target';
import { searchApiQuery, searchParamsFromUrl, searchParamsToUrl } from './search-api';
import { hit, ids, searchEntities } from './search-fixtures';

describe('splitSnippet', () => {
  it('splits «…» markers into marked runs and keeps the text around them', () => {
    expect(splitSnippet('Sent the «DDQ» and the «deck».')).toEqual([
      { text: 'Sent the ', marked: false },
      { text: 'DDQ', marked: true },
      { text: ' and the ', marked: false },
      { text: 'deck', marked: true },
      { text: '.', marked: false },
    ]);
  });

  it('keeps a stray marker as text', () => {
    expect(splitSnippet('a « b «c» d »')).toEqual([
      { text: 'a « b ', marked: false },
      { text: 'c', marked: true },
      { text: ' d »', marked: false },
    ]);
  });
});

describe('groupHits', () => {
  it('files each hit under its first organization, else its first contact, in rank order', () => {
    const hits = [
      hit({ chunkId: 'h1', entityIds: [ids.ada, ids.acme] }),
      hit({ chunkId: 'h2', entityIds: [ids.bo] }),
      hit({ chunkId: 'h3', entityIds: [ids.fund] }),
      hit({ chunkId: 'h4', entityIds: [ids.acme] }),
    ];
    const groups = groupHits(hits, searchEntities);
    expect(groups.map((group) => group.entity?.label ?? null)).toEqual(['Acme Family Office', 'Bo Lindqvist', null]);
    expect(groups[0]!.hits.map((h) => h.chunkId)).toEqual(['h1', 'h4']);
    expect(relatedEntities(hits[0]!, searchEntities, ids.acme).map((entity) => entity.label)).toEqual(['Ada Chen']);
  });
});

describe('hit targets', () => {
  it('opens a communication in its drawer and a note on the record it belongs to', () => {
    expect(hitPath(hit({ sourceType: 'communication', sourceId: 'comm-1' }), searchEntities)).toBe('/communications?communication=comm-1');
    expect(hitPath(hit({ sourceType: 'note', sourceId: ids.acme, entityIds: [ids.acme] }), searchEntities)).toBe(`/organizations/${ids.acme}`);
    expect(hitPath(hit({ sourceType: 'email', sourceId: 'msg-1' }), searchEntities)).toBeNull();
    // A fund's (or commitment's) notes open on the investor's page when the hit names one.
    expect(hitPath(hit({ sourceType: 'note', sourceId: ids.fund, entityIds: [ids.fund, ids.acme] }), searchEntities)).toBe(`/organizations/${ids.acme}`);
  });
});

describe('URL state', () => {
  it('round-trips filters through the URL and leaves defaults out', () => {
    const url = new URLSearchParams('q=ddq&kind=call,email&fund=f-1&from=2031-01-01&to=2031-02-01&mode=dense');
    const state = searchParamsFromUrl(url);
    expect(state).toEqual({ q: 'ddq', mode: 'dense', kinds: ['call', 'email'], fundId: 'f-1', from: '2031-01-01', to: '2031-02-01' });
    expect(searchParamsToUrl(state).toString()).toBe(url.toString());
    expect(searchParamsToUrl({ ...state, mode: 'hybrid', kinds: [], fundId: null, from: null, to: null }).toString()).toBe('q=ddq');
    expect(searchApiQuery(state, 30)).toEqual({ q: 'ddq', mode: 'dense', limit: 30, kind: 'call,email', fundId: 'f-1', from: '2031-01-01', to: '2031-02-01' });
  });

  it('ignores a mode or a date it cannot read instead of sending it', () => {
    const state = searchParamsFromUrl(new URLSearchParams('q=x&mode=fuzzy&from=yesterday'));
    expect(state.mode).toBe('hybrid');
    expect(state.from).toBeNull();
  });
});
