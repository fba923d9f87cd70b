import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { mockApi } from '../../test/render';
import { C2, gridFixture, ORG_A } from './grid-fixture';
import { useGridData } from './use-grid-data';

vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));

function wrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useGridData', () => {
  it('sends one batch with expected, undoes with the inverse batch', async () => {
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/grid')) return { status: 200, body: { data: gridFixture() } };
      if (url === '/api/batch' && init?.method === 'POST') return { status: 200, body: { data: { applied: 1, records: [] } } };
      return undefined;
    });
    const { result } = renderHook(() => useGridData(undefined, undefined), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.query.data).toBeDefined());
    await act(() => result.current.send([{ entityId: ORG_A, field: C2, value: 125_000_000, before: 250_000_000 }]));
    expect(result.current.query.data?.rows[0]?.cells[C2]).toBe(125_000_000);
    await act(() => result.current.undo());
    const batches = calls.filter((c) => c.url === '/api/batch').map((c) => c.body);
    expect(batches).toEqual([
      { changes: [{ entityType: 'organization', entityId: ORG_A, field: C2, value: 125_000_000, expected: 250_000_000 }] },
      { changes: [{ entityType: 'organization', entityId: ORG_A, field: C2, value: 250_000_000, expected: 125_000_000 }] },
    ]);
    expect(result.current.query.data?.rows[0]?.cells[C2]).toBe(250_000_000);
    expect(result.current.canRedo).toBe(true);
  });

  it('a 409 puts the cell back and holds the batch; overwrite resends with expected = their value', async () => {
    let batch = 0;
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/grid')) return { status: 200, body: { data: gridFixture() } };
      if (url === '/api/batch' && init?.method === 'POST') {
        batch += 1;
        if (batch === 1)
          return { status: 409, body: { error: { code: 'conflict', message: 'changed', details: { conflicts: [{ entityType: 'organization', entityId: ORG_A, field: C2, current: 300_000_000 }] } } } };
        return { status: 200, body: { data: { applied: 1, records: [] } } };
      }
      return undefined;
    });
    const { result } = renderHook(() => useGridData(undefined, undefined), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.query.data).toBeDefined());
    await act(() => result.current.send([{ entityId: ORG_A, field: C2, value: 125_000_000, before: 250_000_000 }]));
    expect(result.current.conflict?.conflicts[0]?.current).toBe(300_000_000);
    expect(result.current.query.data?.rows[0]?.cells[C2]).toBe(250_000_000);
    await act(() => result.current.resolve(new Set([`${ORG_A}:${C2}`])));
    const last = calls.filter((c) => c.url === '/api/batch').at(-1)?.body;
    expect(last).toEqual({ changes: [{ entityType: 'organization', entityId: ORG_A, field: C2, value: 125_000_000, expected: 300_000_000 }] });
    expect(result.current.conflict).toBeNull();
  });

  it('keep theirs sends nothing and shows their value', async () => {
    let batches = 0;
    mockApi((url, init) => {
      if (url.startsWith('/api/grid')) return { status: 200, body: { data: gridFixture() } };
      if (url === '/api/batch' && init?.method === 'POST') {
        batches += 1;
        return { status: 409, body: { error: { code: 'conflict', message: 'changed', details: { conflicts: [{ entityType: 'organization', entityId: ORG_A, field: C2, current: 1 }] } } } };
      }
      return undefined;
    });
    const { result } = renderHook(() => useGridData(undefined, undefined), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.query.data).toBeDefined());
    await act(() => result.current.send([{ entityId: ORG_A, field: C2, value: 5, before: 250_000_000 }]));
    await act(() => result.current.resolve(new Set()));
    expect(batches).toBe(1);
  });
});
