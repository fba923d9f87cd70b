import { screen } from '@testing-library/react';
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
