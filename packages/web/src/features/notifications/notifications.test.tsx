import type { NotificationView, TeamMember } from '@lpdesk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { mockApi, renderWithProviders } from '../../test/render';
import { insertMention, mentionQueryAt } from './mention-query';
import { MentionTextarea } from './mention-textarea';
import { NotificationBell } from './notification-bell';

const TEAM: TeamMember[] = [
  { id: '0190c0de-0000-7000-8000-0000000000b1', username: 'ben', fullName: 'Ben Partner', name: 'Ben Partner', role: 'member' },
  { id: '0190c0de-0000-7000-8000-0000000000b2', username: 'bea.chen', fullName: 'Bea Chen', name: 'Bea Chen', role: 'manager' },
  { id: '0190c0de-0000-7000-8000-0000000000b3', username: 'cai', fullName: null, name: 'cai', role: 'member' },
];

function notification(overrides: Partial<NotificationView>): NotificationView {
  return {
    id: '0190c0de-0000-7000-8000-0000000000c1',
    kind: 'task_assigned',
    entityType: 'task',
    entityId: '0190c0de-0000-7000-8000-0000000000d1',
    actor: { id: TEAM[0]!.id, name: 'Ben Partner' },
    text: 'Ben Partner assigned you a task: Send the Q3 letter',
    link: null,
    createdAt: '2031-03-14T15:00:00.000Z',
    readAt: null,
    ...overrides,
  };
}

/** A form field as the note and task forms use it: state in the parent, onChange reads the event. */
function Harness() {
  const [value, setValue] = useState('');
  return (
    <>
      <MentionTextarea label="Notes" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
      <output data-testid="saved">{value}</output>
    </>
  );
}

/** Where the router went. */
function Where() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

describe('mention syntax while typing', () => {
  it('finds the @name before the caret, not inside an email address', () => {
    expect(mentionQueryAt('Call @be', 8)).toEqual({ start: 5, query: 'be' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('mail ana@fund', 13)).toBeNull();
    expect(mentionQueryAt('@ben said', 9)).toBeNull();
    expect(insertMention('Ask @be about it', { start: 4, query: 'be' }, 'bea.chen')).toEqual({ text: 'Ask @bea.chen about it', caret: 14 });
  });
});

describe('MentionTextarea', () => {
  it('offers teammates after @ and writes the chosen @username through the form’s own onChange', async () => {
    mockApi((url) => (url.startsWith('/api/team') ? { status: 200, body: { data: TEAM } } : undefined));
    renderWithProviders(<Harness />);
    const notes = screen.getByLabelText('Notes');
    await userEvent.type(notes, 'Thanks @b');
    // jsdom lays nothing out, so the popover counts its target as off-screen and hides itself: look past that.
    const suggestions = await screen.findByRole('listbox', { hidden: true });
    expect(
      within(suggestions)
        .getAllByRole('option', { hidden: true })
        .map((o) => o.textContent),
    ).toEqual(['@bea.chenBea Chen', '@benBen Partner']);
    await userEvent.click(within(suggestions).getByText('@ben'));
    expect(screen.getByTestId('saved').textContent).toBe('Thanks @ben ');
  });

  it('picks the highlighted teammate with Enter', async () => {
    mockApi((url) => (url.startsWith('/api/team') ? { status: 200, body: { data: TEAM } } : undefined));
    renderWithProviders(<Harness />);
    await screen.findByLabelText('Notes');
    await waitFor(() => expect(document.querySelector('textarea')).not.toBeNull());
    await userEvent.type(screen.getByLabelText('Notes'), 'Ask @ca');
    await screen.findByRole('option', { hidden: true, name: /@cai/ });
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('saved').textContent).toBe('Ask @cai ');
  });
});

describe('NotificationBell', () => {
  it('shows the unread count, lists newest first, and a click marks read, opens the record and lowers the count', async () => {
    let unread = 2;
    const mention = notification({
      id: '0190c0de-0000-7000-8000-0000000000c2',
      kind: 'mention',
      entityType: 'communication',
      entityId: '0190c0de-0000-7000-8000-0000000000d2',
      text: 'Ben Partner mentioned you in a call “Intro”',
      link: { entityType: 'contact', entityId: '0190c0de-0000-7000-8000-0000000000e1' },
    });
    const assigned = notification({});
    const read = notification({
      id: '0190c0de-0000-7000-8000-0000000000c3',
      kind: 'task_overdue',
      text: 'Overdue (due 2031-03-10): Call Julia',
      readAt: '2031-03-13T09:00:00.000Z',
    });
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/notifications/unread-count')) return { status: 200, body: { data: { unread } } };
      if (url.startsWith('/api/notifications?')) return { status: 200, body: { data: [mention, assigned, read], total: 3, limit: 20, offset: 0 } };
      if (url.endsWith('/read') && init?.method === 'POST') {
        unread -= 1;
        return { status: 200, body: { data: { ...mention, readAt: '2031-03-14T16:00:00.000Z' } } };
      }
      return undefined;
    });
    renderWithProviders(
      <>
        <NotificationBell />
        <Where />
      </>,
    );
    const bell = await screen.findByRole('button', { name: 'Notifications: 2 unread' });
    await userEvent.click(bell);
    const items = await screen.findAllByTestId('notification-item');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual([
      'Unread: Ben Partner mentioned you in a call “Intro”',
      'Unread: Ben Partner assigned you a task: Send the Q3 letter',
      'Overdue (due 2031-03-10): Call Julia',
    ]);
    await userEvent.click(items[0]!);
    expect(calls.find((c) => c.method === 'POST')?.url).toBe(`/api/notifications/${mention.id}/read`);
    expect(screen.getByTestId('location')).toHaveTextContent(`/contacts/0190c0de-0000-7000-8000-0000000000e1?communication=${mention.entityId}`);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Notifications: 1 unread' })).toBeInTheDocument(), { timeout: 5_000 });
  });

  it('marks everything read at once', async () => {
    let unread = 1;
    const calls = mockApi((url, init) => {
      if (url.startsWith('/api/notifications/unread-count')) return { status: 200, body: { data: { unread } } };
      if (url.startsWith('/api/notifications?')) return { status: 200, body: { data: [notification({})], total: 1, limit: 20, offset: 0 } };
      if (url === '/api/notifications/read-all' && init?.method === 'POST') {
        unread = 0;
        return { status: 200, body: { data: { marked: 1 } } };
      }
      return undefined;
    });
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notifications: 1 unread' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Mark all read' }, { timeout: 5_000 }));
    expect(calls.some((c) => c.url === '/api/notifications/read-all' && c.method === 'POST')).toBe(true);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Notifications' })).toBeInTheDocument(), { timeout: 5_000 });
  });
});
