import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { AuthGate } from './auth-gate';

describe('AuthGate', () => {
  it('signs out quietly: one 200 probe, no 401 and no second setup request', async () => {
    const calls = mockApi((url) => (url === '/api/auth/session' ? { status: 200, body: { data: { authenticated: false, setupNeeded: false } } } : undefined));
    renderWithProviders(<AuthGate>app</AuthGate>, { user: null });
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/session']);
  });

  it('shows first-run setup when the probe says no user exists yet', async () => {
    mockApi((url) => (url === '/api/auth/session' ? { status: 200, body: { data: { authenticated: false, setupNeeded: true } } } : undefined));
    renderWithProviders(<AuthGate>app</AuthGate>, { user: null });
    expect(await screen.findByRole('button', { name: 'Create admin account' })).toBeInTheDocument();
  });
});
