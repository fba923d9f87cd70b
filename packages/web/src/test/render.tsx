import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { User } from '../api/types';
import { theme } from '../app/theme';
import { SESSION_KEY } from '../features/auth/session';

export const TEST_USER: User = {
  id: '0190c0de-0000-7000-8000-000000000001',
  version: 1,
  username: 'casey',
  email: 'casey@fund.example',
  fullName: 'Casey Partner',
  role: 'member',
  disabled: false,
  mustChangePassword: false,
  lastLoginAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** `route`: the URL the app starts at (default `/`). */
export function renderWithProviders(ui: ReactElement, { user = TEST_USER as User | null, route = '/' } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  if (user) client.setQueryData(SESSION_KEY, { user, csrfToken: 'csrf-test' });
  const result = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, client };
}

type Handler = (url: string, init: RequestInit | undefined) => { status: number; body?: unknown } | undefined;

/** Stub fetch with a router: the first handler that answers wins; unmatched GETs return an empty list. */
export function mockApi(handler: Handler) {
  const calls: { url: string; method: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url: input, method, body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer =
      handler(input, init) ??
      (method === 'GET'
        ? { status: 200, body: { data: [], total: 0, limit: 50, offset: 0 } }
        : { status: 500, body: { error: { code: 'internal', message: 'unmocked' } } });
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
