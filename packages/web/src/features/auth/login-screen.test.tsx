import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { LoginScreen } from './login-screen';

describe('LoginScreen', () => {
  it('requires both fields before calling the API', async () => {
    const calls = mockApi(() => undefined);
    renderWithProviders(<LoginScreen />, { user: null });
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls).toHaveLength(0);
    expect(screen.getAllByText(/Too small|at least 1|must not be empty|expected string/i).length).toBeGreaterThan(0);
  });

  it('shows the server’s message when the password is wrong', async () => {
    mockApi((url) =>
      url === '/api/auth/login' ? { status: 401, body: { error: { code: 'unauthorized', message: 'Wrong username or password' } } } : undefined,
    );
    renderWithProviders(<LoginScreen />, { user: null });
    await userEvent.type(screen.getByLabelText(/Username/), 'casey');
    await userEvent.type(screen.getByLabelText(/^Password/), 'nope nope nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('Wrong username or password');
  });
});
