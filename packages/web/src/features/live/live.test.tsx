import type { LiveServerMessage } from '@lpdesk/contracts';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { keysForChange } from './invalidate';
import { LiveProvider } from './live-provider';
import { PresenceAvatars } from './presence-avatars';

/** Stands in for the browser's WebSocket: records what is sent, lets the test deliver messages. */
class FakeSocket {
  static OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(message: LiveServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const ANA = { userId: 'u-ana', name: 'Ana Lopez', color: '#e03131', screen: '/contacts', cell: null };
const ME = { type: 'hello', userId: 'u-me', name: 'Casey Partner', color: '#1971c2', connectionId: 'c1' } as const;

describe('live updates in the web app', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('maps an entity type to the query keys that show it, and always the cross-cutting screens', () => {
    const keys = keysForChange({ entityType: 'contact' }).map((key) => key[0]);
    expect(keys).toEqual(expect.arrayContaining(['contacts', 'organizations', 'reports', 'activity', 'search', 'grid']));
    expect(keysForChange({ entityType: 'something_new' }).map((key) => key[0])).toEqual(expect.arrayContaining(['reports', 'grid']));
  });

  it('reports the screen, shows the others on it, and invalidates what a change shows', async () => {
    const { client } = renderWithProviders(
      <LiveProvider screen="/contacts">
        <PresenceAvatars />
      </LiveProvider>,
    );
    const socket = FakeSocket.instances[0] as FakeSocket;
    expect(socket.url).toBe(`ws://${window.location.host}/api/live`);
    act(() => socket.open());
    expect(socket.sent).toContainEqual({ type: 'focus', screen: '/contacts', cell: null });

    act(() => {
      socket.deliver(ME);
      socket.deliver({
        type: 'presence',
        users: [ANA, { ...ANA, userId: 'u-me', name: 'Casey Partner' }, { ...ANA, userId: 'u-ben', name: 'Ben Ode', screen: '/tasks' }],
      });
    });
    // Only Ana: not me, and Ben is on another screen.
    expect(screen.getAllByTestId('live-avatar')).toHaveLength(1);
    expect(screen.getByLabelText('Ana Lopez')).toHaveTextContent('AL');

    const invalidate = vi.spyOn(client, 'invalidateQueries');
    act(() => {
      socket.deliver({
        type: 'change',
        entityType: 'contact',
        entityId: 'x',
        version: 2,
        fields: ['lastName'],
        action: 'update',
        actorId: 'u-ana',
        actorKind: 'user',
      });
      socket.deliver({
        type: 'change',
        entityType: 'contact',
        entityId: 'y',
        version: 2,
        fields: ['lastName'],
        action: 'update',
        actorId: 'u-ana',
        actorKind: 'user',
      });
    });
    await act(() => vi.advanceTimersByTimeAsync(100));
    const prefixes = invalidate.mock.calls.map(([filters]) => (filters?.queryKey as string[] | undefined)?.[0]);
    expect(prefixes.filter((p) => p === 'contacts')).toHaveLength(1);
    expect(prefixes).toContain('reports');
  });

  it('reconnects after a drop and refetches everything, and shows Offline while down', async () => {
    const { client } = renderWithProviders(
      <LiveProvider screen="/pipeline">
        <PresenceAvatars />
      </LiveProvider>,
    );
    const first = FakeSocket.instances[0] as FakeSocket;
    act(() => first.open());
    act(() => first.drop());
    await act(() => vi.advanceTimersByTimeAsync(3_100));
    expect(screen.getByTestId('live-offline')).toBeInTheDocument();
    const second = FakeSocket.instances.at(-1) as FakeSocket;
    expect(second).not.toBe(first);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    act(() => second.open());
    expect(invalidate).toHaveBeenCalledWith(expect.objectContaining({ predicate: expect.any(Function) }));
    expect(second.sent).toContainEqual({ type: 'focus', screen: '/pipeline', cell: null });
    expect(screen.queryByTestId('live-offline')).toBeNull();
  });
});
