import { randomUUID } from 'node:crypto';
import type { LiveLock, LivePresenceUser } from '@lpdesk/contracts';
import { type Core, type Listening, notifyChannel } from '@lpdesk/core';
import type { FastifyBaseLogger } from 'fastify';

/** The PostgreSQL channel server processes share presence and locks on. Changes travel on the outbox's own channel. */
export const LIVE_CHANNEL = 'lpdesk_live';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_900;

export interface LiveState {
  presence: LivePresenceUser[];
  locks: LiveLock[];
}

/** What one process says: its whole local state (small), a request for everyone's, or goodbye. */
type Note = { p: string; t: 'state'; s: LiveState } | { p: string; t: 'hello' } | { p: string; t: 'bye' };

export interface BridgeOptions {
  /** How often each process repeats its state, so others know it is alive (default 5 s). */
  heartbeatMs?: number;
  /** A process silent this long is gone: its users and locks are dropped (default 3 heartbeats). */
  staleMs?: number;
}

/**
 * Presence and locks across server processes on one PostgreSQL database. Each process NOTIFYs its own
 * connections' state whenever it changes and on a heartbeat; every process keeps the others' latest
 * state keyed by process id. Only on a shared PostgreSQL server: SQLite and PGlite have one process.
 */
export class LiveBridge {
  readonly processId = randomUUID();
  private readonly remote = new Map<string, { state: LiveState; seenAt: number }>();
  private listening: Listening | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private publishing = false;
  private publishAgain = false;
  private stopped = false;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;

  constructor(
    private readonly core: Core,
    private readonly snapshot: () => LiveState,
    private readonly onRemoteChange: () => void,
    private readonly log: FastifyBaseLogger,
    options: BridgeOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.staleMs = options.staleMs ?? this.heartbeatMs * 3;
  }

  get enabled(): boolean {
    return this.core.shared && this.core.dialect === 'postgres' && this.core.listen !== undefined;
  }

  async start(): Promise<void> {
    if (!this.enabled || !this.core.listen) return;
    this.listening = await this.core.listen(
      [LIVE_CHANNEL],
      (_channel, payload) => this.receive(payload),
      (error) => this.log.warn({ err: error }, 'live presence notifications: connection lost'),
    );
    this.heartbeat = setInterval(() => {
      this.dropStale();
      this.publish();
    }, this.heartbeatMs);
    this.heartbeat.unref();
    await this.send({ p: this.processId, t: 'hello' });
    this.publish();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (!this.listening) return;
    await this.send({ p: this.processId, t: 'bye' });
    await this.listening.close();
    this.listening = undefined;
  }

  /** The other processes' users and unexpired locks. */
  remoteState(): LiveState {
    const presence: LivePresenceUser[] = [];
    const locks: LiveLock[] = [];
    for (const { state } of this.remote.values()) {
      presence.push(...state.presence);
      locks.push(...state.locks);
    }
    return { presence, locks };
  }

  /** Tell the others this process's state; calls made while one is on its way coalesce into one more. */
  publish(): void {
    if (!this.listening || this.stopped) return;
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    this.publishing = true;
    void (async () => {
      try {
        do {
          this.publishAgain = false;
          await this.send({ p: this.processId, t: 'state', s: this.fit(this.snapshot()) });
        } while (this.publishAgain && !this.stopped);
      } finally {
        this.publishing = false;
      }
    })();
  }

  /** Keep the payload under PostgreSQL's limit: locks first (they guard edits), then as many users as fit. */
  private fit(state: LiveState): LiveState {
    const whole = { presence: state.presence, locks: state.locks };
    if (JSON.stringify(whole).length < MAX_PAYLOAD - 100) return whole;
    const fitted: LiveState = { presence: [], locks: [] };
    for (const lock of state.locks) {
      fitted.locks.push(lock);
      if (JSON.stringify(fitted).length > MAX_PAYLOAD - 100) fitted.locks.pop();
    }
    for (const user of state.presence) {
      fitted.presence.push(user);
      if (JSON.stringify(fitted).length > MAX_PAYLOAD - 100) {
        fitted.presence.pop();
        break;
      }
    }
    this.log.warn({ users: state.presence.length, locks: state.locks.length }, 'live presence too large to share whole between processes; sent part of it');
    return fitted;
  }

  private async send(note: Note): Promise<void> {
    try {
      await notifyChannel(this.core.db, LIVE_CHANNEL, JSON.stringify(note));
    } catch (error) {
      if (!this.stopped) this.log.warn({ err: error }, 'could not share live presence with other processes');
    }
  }

  private receive(payload: string): void {
    // An empty payload: the LISTEN connection came back and may have missed notes. Ask everyone again.
    if (payload === '') {
      void this.send({ p: this.processId, t: 'hello' });
      this.publish();
      return;
    }
    let note: Note;
    try {
      note = JSON.parse(payload) as Note;
    } catch {
      return;
    }
    if (typeof note?.p !== 'string' || note.p === this.processId) return;
    if (note.t === 'hello') {
      // A process joined (or reconnected): it needs to hear everyone's state now, not at the next beat.
      this.publish();
      return;
    }
    if (note.t === 'bye') {
      if (this.remote.delete(note.p)) this.onRemoteChange();
      return;
    }
    if (note.t !== 'state' || !note.s) return;
    const before = this.remote.get(note.p);
    const changed = !before || JSON.stringify(before.state) !== JSON.stringify(note.s);
    this.remote.set(note.p, { state: { presence: note.s.presence ?? [], locks: note.s.locks ?? [] }, seenAt: Date.now() });
    if (changed) this.onRemoteChange();
  }

  private dropStale(): void {
    // Liveness of a process is wall time, not the domain clock: tests move the core clock, not the heartbeat.
    const limit = Date.now() - this.staleMs;
    let changed = false;
    for (const [processId, entry] of this.remote) {
      if (entry.seenAt >= limit) continue;
      this.remote.delete(processId);
      changed = true;
    }
    if (changed) this.onRemoteChange();
  }
}
