import { useMemo } from 'react';
import { useLivePresence } from '../live/live-provider';

/** Cell ids are `<organizationId>:<field>`; the screen is the grid's route, as the live layer reports it. */
export const GRID_SCREEN = '/grid';

export interface GridLock {
  cell: string;
  name: string;
  color: string;
  userId: string;
}

export interface GridPeer {
  userId: string;
  name: string;
  color: string;
  cell: string | null;
}

export interface GridPresence {
  /** Cells others are editing; your own locks are left out (you may edit those). */
  locks: GridLock[];
  others: GridPeer[];
  focus(cell: string | null): void;
  lock(cell: string): void;
  unlock(cell: string): void;
}

/**
 * Who else is on the grid, which cell each has selected, and which cells are being edited. The lists
 * keep their identity until their content changes: the grid repaints cells when `others` changes, and a
 * repaint on every presence or lock message would restart an open editor (losing what was typed).
 */
export function useGridPresence(): GridPresence {
  const live = useLivePresence(GRID_SCREEN);
  const selfId = live.self?.userId;
  const othersKey = JSON.stringify(live.users.map(({ userId, name, color, cell }) => [userId, name, color, cell]));
  const locksKey = JSON.stringify(live.locks.filter((lock) => lock.userId !== selfId).map(({ cell, name, color, userId }) => [cell, name, color, userId]));
  const others = useMemo(
    () => (JSON.parse(othersKey) as [string, string, string, string | null][]).map(([userId, name, color, cell]) => ({ userId, name, color, cell })),
    [othersKey],
  );
  const locks = useMemo(() => (JSON.parse(locksKey) as [string, string, string, string][]).map(([cell, name, color, userId]) => ({ cell, name, color, userId })), [locksKey]);
  const { focus, lock, unlock } = live;
  return useMemo(() => ({ locks, others, focus, lock, unlock }), [locks, others, focus, lock, unlock]);
}
