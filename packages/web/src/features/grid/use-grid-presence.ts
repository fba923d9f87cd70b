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

/** Who else is on the grid, which cell each has selected, and which cells are being edited. */
export function useGridPresence(): GridPresence {
  const live = useLivePresence(GRID_SCREEN);
  const selfId = live.self?.userId;
  return useMemo(
    () => ({
      locks: live.locks.filter((lock) => lock.userId !== selfId).map(({ cell, name, color, userId }) => ({ cell, name, color, userId })),
      others: live.users.map(({ userId, name, color, cell }) => ({ userId, name, color, cell })),
      focus: live.focus,
      lock: live.lock,
      unlock: live.unlock,
    }),
    [live, selfId],
  );
}
