import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../api/types';
import { mockApi, renderWithProviders, TEST_USER } from '../../test/render';
import { TaskFormModal } from './task-form-modal';
import { scopeSentence } from './tasks-screen';

const TASK: Task = {
  id: '0190c0de-0000-7000-8000-0000000000d1',
  version: 2,
  title: 'Send the deck',
  notes: null,
  dueOn: '2031-03-20',
  assigneeId: TEST_USER.id,
  assignee: { id: TEST_USER.id, name: 'Casey Partner' },
  status: 'open',
  completedAt: null,
  entityType: 'organization',
  entityId: '0190c0de-0000-7000-8000-0000000000a1',
  entityName: 'Harbor Family Office',
  communicationId: null,
  createdAt: '2031-03-10T15:00:00.000Z',
  updatedAt: '2031-03-10T15:00:00.000Z',
  deletedAt: null,
  deletedBy: null,
};

describe('Tasks', () => {
  it('says whose tasks the list shows', () => {
    expect(scopeSentence('overdue', 'team', 3)).toBe('Showing 3 overdue tasks for the whole team, as on the dashboard.');
    expect(scopeSentence('open', 'me', 0)).toBe('Showing 0 open tasks assigned to you.');
  });

  it('edits a task with a PATCH, keeping its investor link', async () => {
    const calls = mockApi((url, init) => (url === `/api/tasks/${TASK.id}` && init?.method === 'PATCH' ? { status: 200, body: { data: TASK } } : undefined));
    renderWithProviders(<TaskFormModal defaults={{}} task={TASK} onClose={() => {}} />);
    expect(screen.getByText('Edit task')).toBeInTheDocument();
    const title = screen.getByTestId('task-title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Send the final deck');
    await userEvent.click(screen.getByTestId('save-task'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
        title: 'Send the final deck',
        entityType: 'organization',
        entityId: TASK.entityId,
        assigneeId: TEST_USER.id,
      }),
    );
  });

  it('a new task from the sidebar offers an investor picker, and sends no link when none is picked', async () => {
    const calls = mockApi((url, init) => (url === '/api/tasks' && init?.method === 'POST' ? { status: 201, body: { data: TASK } } : undefined));
    renderWithProviders(<TaskFormModal defaults={{}} onClose={() => {}} />);
    expect(screen.getByTestId('task-link')).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('task-title'), 'Call back');
    await userEvent.click(screen.getByTestId('save-task'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({ title: 'Call back', entityType: null, entityId: null, assigneeId: TEST_USER.id }),
    );
  });
});
