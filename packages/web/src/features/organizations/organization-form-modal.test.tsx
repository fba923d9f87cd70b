import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../api/client';
import { mockApi, renderWithProviders } from '../../test/render';
import { OrganizationFormModal } from './organization-form-modal';

const saved = { id: 'o2', name: 'Acme Capital', kind: 'pension', tags: [], customFields: {}, emailDomains: [] };

describe('OrganizationFormModal', () => {
  beforeEach(() => setCsrfToken('csrf-test'));

  it('keeps the chosen kind when it is picked again, and labels RIAs the one way', async () => {
    const calls = mockApi((url, init) => (init?.method === 'POST' && url === '/api/organizations' ? { status: 201, body: { data: saved } } : undefined));
    renderWithProviders(<OrganizationFormModal onClose={() => {}} />);
    await userEvent.type(await screen.findByLabelText(/Name/), 'Acme Capital');
    const kind = screen.getByTestId('organization-kind');
    await userEvent.click(kind);
    // Mantine's dropdown is still in its opening transition for jsdom, hence hidden: true.
    const option = (name: string) => screen.findByRole('option', { name, hidden: true });
    expect(await option('RIA / wealth manager')).toBeInTheDocument();
    await userEvent.click(await option('Pension'));
    expect(kind).toHaveValue('Pension');
    await userEvent.click(kind);
    await userEvent.click(await option('Pension'));
    expect(kind).toHaveValue('Pension');
    await userEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.url === '/api/organizations')?.body).toMatchObject({ kind: 'pension' }));
  });

  it('warns about a duplicate name and creates anyway when asked', async () => {
    const calls = mockApi((url, init) => {
      if (init?.method !== 'POST' || url !== '/api/organizations') return undefined;
      const body = JSON.parse(String(init.body));
      if (body.allowDuplicateName) return { status: 201, body: { data: saved } };
      return {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'An organization named "Acme Capital" already exists',
            details: { existing: { id: 'o1', name: 'Acme Capital' }, issues: [{ path: ['name'], message: 'An organization named "Acme Capital" already exists' }] },
          },
        },
      };
    });
    renderWithProviders(<OrganizationFormModal onClose={() => {}} />);
    await userEvent.type(await screen.findByLabelText(/Name/), 'acme capital');
    await userEvent.click(screen.getByRole('button', { name: 'Create organization' }));
    const warning = await screen.findByTestId('duplicate-organization');
    expect(warning).toHaveTextContent('An organization named “Acme Capital” already exists.');
    expect(screen.getByRole('link', { name: 'Open it' })).toHaveAttribute('href', '/organizations/o1');
    await userEvent.click(screen.getByTestId('create-anyway'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST' && c.url === '/api/organizations').at(-1)?.body).toMatchObject({ name: 'acme capital', allowDuplicateName: true }));
  });
});
