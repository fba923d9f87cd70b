import { LIVE_LOCK_TTL_MS, type LiveLock } from '@lpdesk/contracts';
import type { Clock } from '@lpdesk/core';

export interface LockHolder {
  connectionId: string;
  userId: string;
  name: string;
  color: string;
}

interface HeldLock extends LockHolder {
  cell: string;
  expiresAt: number;
}

/**
 * Soft cell locks held by this process's connections. Soft: nothing refuses a write under someone's lock;
 * the lock only tells other editors that someone is typing there. Expiry reads the core's clock.
 */
export class LockTable {
  private readonly locks = new Map<string, HeldLock>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = LIVE_LOCK_TTL_MS,
  ) {}

  /**
   * Take or renew: granted when the cell is free (here and in `others`, the other processes' locks) or
   * already held by the same user. Returns whether the lock is now held.
   */
  take(cell: string, holder: LockHolder, others: LiveLock[] = []): boolean {
    const now = this.clock.now().getTime();
    const held = this.locks.get(cell);
    if (held && held.expiresAt > now && held.userId !== holder.userId) return false;
    const remote = others.find((lock) => lock.cell === cell && Date.parse(lock.expiresAt) > now);
    if (remote && remote.userId !== holder.userId) return false;
    this.locks.set(cell, { ...holder, cell, expiresAt: now + this.ttlMs });
    return true;
  }

  /** Release a cell the user holds; someone else's lock stays. Returns whether anything changed. */
  release(cell: string, userId: string): boolean {
    const held = this.locks.get(cell);
    if (!held || held.userId !== userId) return false;
    this.locks.delete(cell);
    return true;
  }

  /** Everything a closed connection held. */
  releaseConnection(connectionId: string): boolean {
    let changed = false;
    for (const [cell, held] of this.locks) {
      if (held.connectionId !== connectionId) continue;
      this.locks.delete(cell);
      changed = true;
    }
    return changed;
  }

  /** Drop lapsed locks; returns whether any did. */
  sweep(): boolean {
    const now = this.clock.now().getTime();
    let changed = false;
    for (const [cell, held] of this.locks) {
      if (held.expiresAt > now) continue;
      this.locks.delete(cell);
      changed = true;
    }
    return changed;
  }

  list(): LiveLock[] {
    const now = this.clock.now().getTime();
    return [...this.locks.values()]
      .filter((held) => held.expiresAt > now)
      .map((held) => ({ cell: held.cell, userId: held.userId, name: held.name, color: held.color, expiresAt: new Date(held.expiresAt).toISOString() }));
  }
}
