import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../../api/client';
import { mockApi, renderWithProviders } from '../../test/render';
import { ContactFormModal } from './contact-form-modal';

const created = { id: 'c1', fullName: 'Jane Doe', firstName: 'Jane', lastName: 'Doe' };

describe('ContactFormModal', () => {
  beforeEach(() => setCsrfToken('csrf-test'));

  it('validates with the shared schema before calling the API', async () => {
    const calls = mockApi(() => undefined);
    renderWithProviders(<ContactFormModal onClose={() => {}} />);
    await userEvent.click(await screen.findByTestId('save-contact'));
    expect(await screen.findByText('must not be empty')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows the API’s validation issues under the matching fields', async () => {
    mockApi((url, init) =>
      init?.method === 'POST' && url === '/api/contacts'
        ? {
            status: 400,
            body: {
              error: {
                code: 'validation_failed',
                message: 'bad',
                details: {
                  issues: [
                    { path: ['title'], message: 'title is not allowed here' },
                    { path: ['customFields', 'region'], message: 'Region is required' },
                  ],
                },
              },
            },
          }
        : undefined,
    );
    renderWithProviders(<ContactFormModal onClose={() => {}} />);
    await userEvent.type(screen.getByLabelText(/Last name/), 'Doe');
    await userEvent.click(screen.getByTestId('save-contact'));
    expect(await screen.findByText('title is not allowed here')).toBeInTheDocument();
  });

  it('posts a clean body with the CSRF token and closes on success', async () => {
    const calls = mockApi((url, init) => (init?.method === 'POST' && url === '/api/contacts' ? { status: 201, body: { data: created } } : undefined));
    let closed = false;
    renderWithProviders(<ContactFormModal onClose={() => (closed = true)} />);
    await userEvent.type(screen.getByLabelText(/First name/), 'Jane');
    await userEvent.type(screen.getByLabelText(/Last name/), '  Doe ');
    await userEvent.type(screen.getByLabelText('Title'), 'Partner');
    await userEvent.click(screen.getByTestId('save-contact'));
    await waitFor(() => expect(closed).toBe(true));
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/contacts');
    expect(post?.headers['x-csrf-token']).toBe('csrf-test');
    expect(post?.body).toMatchObject({ firstName: 'Jane', lastName: 'Doe', title: 'Partner', emails: [], location: null, customFields: {} });
  });

  it('sends only changed fields when editing', async () => {
    const contact = {
      ...created,
      title: 'Analyst',
      emails: ['jane@acme.example'],
      phones: [],
      organizations: [],
      primaryOrganization: null,
      linkedinUrl: null,
      location: 'Boston',
      preferredChannel: null,
      source: null,
      notes: null,
      ownerId: null,
      owner: null,
      accreditationStatus: 'unknown' as const,
      accreditationMethod: null,
      accreditationVerifiedOn: null,
      accreditationExpiresOn: null,
      qualifiedPurchaser: null,
      relationship: 'none' as const,
      tags: [],
      customFields: {},
      createdAt: '',
      updatedAt: '',
      deletedAt: null,
      deletedBy: null,
      version: 1,
    };
    const calls = mockApi((_url, init) => (init?.method === 'PATCH' ? { status: 200, body: { data: contact } } : undefined));
    renderWithProviders(<ContactFormModal contact={contact} onClose={() => {}} />);
    const title = screen.getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Partner');
    await userEvent.click(screen.getByTestId('save-contact'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.url).toBe('/api/contacts/c1');
    // qualifiedPurchaser null → unchecked box would read false; only title truly changed plus that normalisation.
    expect(patch?.body).toMatchObject({ title: 'Partner' });
    expect(patch?.body).not.toHaveProperty('lastName');
    expect(patch?.body).not.toHaveProperty('emails');
  });
});
