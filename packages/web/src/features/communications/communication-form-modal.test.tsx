import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { CommunicationFormModal, communicationPayload } from './communication-form-modal';

describe('CommunicationFormModal', () => {
  it('needs a participant and a due date for a next action', async () => {
    const calls = mockApi(() => undefined);
    renderWithProviders(<CommunicationFormModal defaults={{}} onClose={() => {}} />);
    await userEvent.type(screen.getByTestId('comm-next-action'), 'Send the deck');
    await userEvent.click(screen.getByTestId('save-communication'));
    expect(await screen.findByText('Add at least one person or organization')).toBeInTheDocument();
    expect(screen.getByText('Pick a due date so a follow-up task is created')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('turns the local date-time into an ISO instant and blanks into nulls', () => {
    const body = communicationPayload({
      kind: 'meeting',
      occurredAt: '2031-11-28 14:30:00',
      contacts: [{ value: 'c1', label: 'Jane' }],
      organizations: [],
      subject: '  Intro ',
      body: '',
      outcome: '',
      durationMinutes: 30,
      nextAction: 'Send the deck',
      nextActionDueOn: '2031-12-01',
    });
    expect(body.occurredAt).toBe(new Date(2031, 10, 28, 14, 30).toISOString());
    expect(body).toMatchObject({
      kind: 'meeting',
      contactIds: ['c1'],
      organizationIds: [],
      subject: 'Intro',
      body: null,
      durationMinutes: 30,
      nextActionDueOn: '2031-12-01',
    });
  });
});

describe('CommunicationFormModal people and editing', () => {
  const ORG = { id: '0190c0de-0000-7000-8000-0000000000a1', name: 'Harbor Family Office' };
  const person = (id: string, fullName: string) => ({ id, fullName, firstName: fullName.split(' ')[0], lastName: fullName.split(' ')[1] });

  it('offers the organization’s people as participants, one click each or all at once', async () => {
    const calls = mockApi((url) =>
      url.startsWith('/api/contacts?') && url.includes(`organizationId=${ORG.id}`)
        ? { status: 200, body: { data: [person('0190c0de-0000-7000-8000-0000000000b1', 'Ada Byron'), person('0190c0de-0000-7000-8000-0000000000b2', 'Ben Cole')], total: 2, limit: 50, offset: 0 } }
        : url === '/api/communications'
          ? { status: 201, body: { data: {} } }
          : undefined,
    );
    renderWithProviders(<CommunicationFormModal defaults={{ organizations: [ORG] }} onClose={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Ada Byron' }));
    expect(screen.queryByRole('button', { name: 'Ada Byron' })).toBeNull();
    await userEvent.click(screen.getByTestId('save-communication'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ organizationIds: [ORG.id], contactIds: ['0190c0de-0000-7000-8000-0000000000b1'] }));
  });

  it('edits an existing communication with a PATCH that keeps its line breaks', async () => {
    const id = '0190c0de-0000-7000-8000-0000000000c1';
    const calls = mockApi((url, init) => (url === `/api/communications/${id}` && init?.method === 'PATCH' ? { status: 200, body: { data: {} } } : undefined));
    const communication = {
      id,
      version: 1,
      kind: 'meeting' as const,
      occurredAt: '2031-03-10T15:00:00.000Z',
      subject: 'Terms',
      body: '1. one\n2. two',
      outcome: null,
      nextAction: null,
      nextActionDueOn: null,
      durationMinutes: null,
      source: 'manual' as const,
      authorId: null,
      author: null,
      contacts: [],
      organizations: [ORG],
      commitmentIds: [],
      users: [],
      createdAt: '2031-03-10T15:00:00.000Z',
      updatedAt: '2031-03-10T15:00:00.000Z',
      deletedAt: null,
      deletedBy: null,
    };
    renderWithProviders(<CommunicationFormModal defaults={{}} communication={communication} onClose={() => {}} />);
    expect(screen.getByText('Edit communication')).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('comm-body'), '\n3. three');
    await userEvent.click(screen.getByTestId('save-communication'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ body: '1. one\n2. two\n3. three', organizationIds: [ORG.id] }));
  });
});
