import { describe, expect, it } from 'vitest';
import { listViewState, paramOfSort, paramsOfView, sameState, sortOfParam } from './view-state';

describe('saved view state of a list screen', () => {
  it('reads the URL filters, search and sort, and leaves out paging and the open drawer', () => {
    const params = new URLSearchParams('tab=investors&ownerId=u1&q=%20capital%20&sort=-name&open=c1&view=v1');
    expect(listViewState(params, [{ field: 'name' }, { field: 'title', hidden: true }])).toEqual({
      query: { tab: 'investors', ownerId: 'u1' },
      search: 'capital',
      sort: [{ field: 'name', direction: 'desc' }],
      groupBy: null,
      columns: [{ field: 'name' }, { field: 'title', hidden: true }],
    });
  });

  it('turns a view back into URL parameters, replacing the old filters but keeping unrelated ones', () => {
    const current = new URLSearchParams('tab=prospects&tagId=t1&q=old&open=c1');
    const next = paramsOfView(current, {
      id: 'v2',
      state: { query: { tab: 'investors', kind: 'pension' }, search: 'fund', sort: [{ field: 'createdAt', direction: 'asc' }], groupBy: null, columns: [] },
    });
    expect(Object.fromEntries(next)).toEqual({ open: 'c1', view: 'v2', tab: 'investors', kind: 'pension', q: 'fund', sort: 'createdAt' });
    expect(Object.fromEntries(paramsOfView(next, null))).toEqual({ open: 'c1' });
  });

  it('compares states regardless of key order and empty values', () => {
    const a = { query: { tab: 'investors', ownerId: 'u1' }, sort: [], groupBy: null, columns: [{ field: 'name' }] };
    const b = { query: { ownerId: 'u1', tab: 'investors', tagId: '' }, sort: [], groupBy: null, columns: [{ field: 'name', hidden: false }] };
    expect(sameState(a, b)).toBe(true);
    expect(sameState(a, { ...b, columns: [{ field: 'name', hidden: true }] })).toBe(false);
    expect(paramOfSort(sortOfParam('-name'))).toBe('-name');
    expect(sortOfParam(null)).toEqual([]);
  });
});
