/**
 * Live presence for the grid. This body is a stand-in: the live layer (another branch) replaces it with
 * the WebSocket-backed version at merge. Cell ids are `<organizationId>:<field>`.
 */
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
  locks: GridLock[];
  others: GridPeer[];
  focus(cell: string | null): void;
  lock(cell: string): void;
  unlock(cell: string): void;
}

const EMPTY: GridPresence = { locks: [], others: [], focus: () => {}, lock: () => {}, unlock: () => {} };

export function useGridPresence(): GridPresence {
  return EMPTY;
}
