import type { LiveHelloMessage, LiveLock, LivePresenceUser, LiveServerMessage } from '@lpdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { createChangeInvalidator } from './invalidate';
import { type LiveStatus, LiveSocket, liveUrl } from './live-socket';

export interface LiveState {
  status: LiveStatus;
  /** Whether the socket was ever open: "disconnected" means something only after it was. */
  everOpen: boolean;
  self: LiveHelloMessage | null;
  users: LivePresenceUser[];
  locks: LiveLock[];
  /** The screen this tab reports (its route path). */
  screen: string | null;
  focus(screen: string | null, cell: string | null): void;
  lock(cell: string): void;
  unlock(cell: string): void;
}

const NOTHING: LiveState = {
  status: 'closed',
  everOpen: false,
  self: null,
  users: [],
  locks: [],
  screen: null,
  focus() {},
  lock() {},
  unlock() {},
};

const LiveContext = createContext<LiveState>(NOTHING);

/**
 * The signed-in app's one live connection. Other users' committed changes invalidate the queries that
 * show them; after a reconnect or a server resync every query is invalidated, since changes may have
 * been missed. Mounted inside the signed-in layout only, so a signed-out page opens no socket.
 */
export function LiveProvider({ screen, children }: { screen: string; children: ReactNode }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [everOpen, setEverOpen] = useState(false);
  const [self, setSelf] = useState<LiveHelloMessage | null>(null);
  const [users, setUsers] = useState<LivePresenceUser[]>([]);
  const [locks, setLocks] = useState<LiveLock[]>([]);
  const socketRef = useRef<LiveSocket | null>(null);
  const cellRef = useRef<string | null>(null);

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    const invalidator = createChangeInvalidator(client);
    const resync = () => {
      invalidator.cancel();
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'setup' });
    };
    const onMessage = (message: LiveServerMessage) => {
      if (message.type === 'change') invalidator.change(message);
      else if (message.type === 'presence') setUsers(message.users);
      else if (message.type === 'locks') setLocks(message.locks);
      else if (message.type === 'hello') setSelf(message);
      else if (message.type === 'resync') resync();
    };
    const socket = new LiveSocket(liveUrl(), {
      onMessage,
      onStatus: (next) => {
        setStatus(next);
        if (next === 'open') setEverOpen(true);
      },
      onReconnect: resync,
    });
    socketRef.current = socket;
    socket.start();
    return () => {
      invalidator.cancel();
      socket.stop();
      socketRef.current = null;
    };
  }, [client]);

  // Every screen reports itself on navigation; a cell selected on the old screen does not follow.
  useEffect(() => {
    cellRef.current = null;
    socketRef.current?.send({ type: 'focus', screen, cell: null });
  }, [screen]);

  const focus = useCallback((onScreen: string | null, cell: string | null) => {
    cellRef.current = cell;
    socketRef.current?.send({ type: 'focus', screen: onScreen, cell });
  }, []);
  const lock = useCallback((cell: string) => socketRef.current?.send({ type: 'lock', cell }), []);
  const unlock = useCallback((cell: string) => socketRef.current?.send({ type: 'unlock', cell }), []);

  const value = useMemo<LiveState>(
    () => ({ status, everOpen, self, users, locks, screen, focus, lock, unlock }),
    [status, everOpen, self, users, locks, screen, focus, lock, unlock],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveState {
  return useContext(LiveContext);
}

export interface LivePresence {
  /** Other people on this screen (not you, in any of your tabs). */
  users: LivePresenceUser[];
  /** Every soft lock (cells name their record, so they do not collide across screens). */
  locks: LiveLock[];
  self: LiveHelloMessage | null;
  focus(cell: string | null): void;
  lock(cell: string): void;
  unlock(cell: string): void;
}

/** Presence and soft locks on one screen, for screens that show who is where (the grid's cells). */
export function useLivePresence(screen: string): LivePresence {
  const live = useLive();
  const { users: all, self, locks, focus: focusOn, lock, unlock } = live;
  const users = useMemo(() => all.filter((user) => user.screen === screen && user.userId !== self?.userId), [all, screen, self?.userId]);
  const focus = useCallback((cell: string | null) => focusOn(screen, cell), [focusOn, screen]);
  return useMemo(() => ({ users, locks, self, focus, lock, unlock }), [users, locks, self, focus, lock, unlock]);
}
