import { randomUUID } from 'node:crypto';
import { LiveClientMessage, type LiveChangeMessage, type LivePresenceUser, type LiveServerMessage } from '@lpdesk/contracts';
import type { Core, DomainEvent } from '@lpdesk/core';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { type BridgeOptions, LiveBridge, type LiveState } from './bridge.js';
import { changedFields } from './fields.js';
import { LockTable } from './locks.js';
import { colorFor, mergePresence } from './presence.js';

export interface LiveIdentity {
  userId: string;
  name: string;
}

export interface LiveHubOptions {
  /** Messages waiting per socket before the client is told to resync instead (default 500). */
  maxQueue?: number;
  /** Messages handed to a socket and not yet written out (default 32). */
  maxInflight?: number;
  /** Ping interval; a socket that did not answer the previous ping is dropped (default 30 s). */
  heartbeatMs?: number;
  /** How often lapsed locks are swept (default 1 s). */
  sweepMs?: number;
  bridge?: BridgeOptions;
}

interface Connection extends LiveIdentity {
  id: string;
  socket: WebSocket;
  color: string;
  screen: string | null;
  cell: string | null;
  queue: string[];
  inflight: number;
  alive: boolean;
  /** A resync is on its way: changes are dropped until it is out (the client refetches everything). */
  resyncing: boolean;
}

const OPEN = 1;

/**
 * Every open `/api/live` socket in this process: pushes committed changes (from the dispatcher, which
 * also hears other processes' commits), and keeps presence and soft cell locks, shared with other
 * processes through the bridge on PostgreSQL.
 */
export class LiveHub {
  private readonly connections = new Map<string, Connection>();
  private readonly locks: LockTable;
  private readonly bridge: LiveBridge;
  private readonly maxQueue: number;
  private readonly maxInflight: number;
  private unsubscribe: (() => void) | undefined;
  private timers: NodeJS.Timeout[] = [];
  private lastLocks = '[]';

  constructor(
    private readonly core: Core,
    private readonly log: FastifyBaseLogger,
    private readonly options: LiveHubOptions = {},
  ) {
    this.maxQueue = options.maxQueue ?? 500;
    this.maxInflight = options.maxInflight ?? 32;
    this.locks = new LockTable(core.clock);
    this.bridge = new LiveBridge(
      core,
      () => this.localState(),
      () => this.broadcastState(),
      log,
      options.bridge,
    );
  }

  get processId(): string {
    return this.bridge.processId;
  }

  get size(): number {
    return this.connections.size;
  }

  async start(): Promise<void> {
    this.unsubscribe = this.core.dispatcher.onEvent((event) => this.broadcastChange(event));
    const heartbeat = setInterval(() => this.heartbeat(), this.options.heartbeatMs ?? 30_000);
    const sweep = setInterval(() => this.sweep(), this.options.sweepMs ?? 1_000);
    heartbeat.unref();
    sweep.unref();
    this.timers = [heartbeat, sweep];
    await this.bridge.start().catch((error: unknown) => this.log.warn({ err: error }, 'live presence is not shared with other processes'));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    for (const timer of this.timers) clearInterval(timer);
    for (const connection of this.connections.values()) connection.socket.close(1001, 'server shutting down');
    this.connections.clear();
    await this.bridge.stop();
  }

  attach(socket: WebSocket, identity: LiveIdentity): void {
    const connection: Connection = {
      ...identity,
      id: randomUUID(),
      socket,
      color: colorFor(identity.userId),
      screen: null,
      cell: null,
      queue: [],
      inflight: 0,
      alive: true,
      resyncing: false,
    };
    this.connections.set(connection.id, connection);
    socket.on('pong', () => {
      connection.alive = true;
    });
    socket.on('message', (data, isBinary) => this.receive(connection, isBinary ? null : data.toString()));
    socket.on('close', () => this.detach(connection));
    socket.on('error', (error) => this.log.debug({ err: error }, 'live socket error'));
    this.send(connection, { type: 'hello', userId: connection.userId, name: connection.name, color: connection.color, connectionId: connection.id });
    this.send(connection, { type: 'locks', locks: this.allLocks() });
    this.stateChanged();
  }

  /** Fan one committed event out to every socket. Public for tests of the send queue. */
  broadcastChange(event: DomainEvent): void {
    if (this.connections.size === 0) return;
    const message: LiveChangeMessage = {
      type: 'change',
      entityType: event.entityType,
      entityId: event.entityId,
      version: event.version,
      fields: changedFields(event),
      action: event.action,
      actorId: event.actor.id,
      actorKind: event.actor.kind,
    };
    const text = JSON.stringify(message);
    for (const connection of this.connections.values()) this.enqueue(connection, text, true);
  }

  /** Lapsed locks go, and everyone hears; run on a timer (tests call it after moving the clock). */
  sweep(): void {
    this.locks.sweep();
    const locks = JSON.stringify(this.allLocks());
    if (locks === this.lastLocks) return;
    this.stateChanged();
  }

  private detach(connection: Connection): void {
    if (!this.connections.delete(connection.id)) return;
    this.locks.releaseConnection(connection.id);
    this.stateChanged();
  }

  private receive(connection: Connection, text: string | null): void {
    connection.alive = true;
    let parsed: unknown;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    const result = LiveClientMessage.safeParse(parsed);
    if (!result.success) return;
    const message = result.data;
    if (message.type === 'ping') return;
    if (message.type === 'focus') {
      connection.screen = message.screen;
      connection.cell = message.cell ?? null;
      this.stateChanged();
      return;
    }
    if (message.type === 'lock') {
      const granted = this.locks.take(
        message.cell,
        { connectionId: connection.id, userId: connection.userId, name: connection.name, color: connection.color },
        this.bridge.remoteState().locks,
      );
      // Refused: only the asker needs to hear who holds the cell.
      if (!granted) this.send(connection, { type: 'locks', locks: this.allLocks() });
      else this.stateChanged();
      return;
    }
    if (this.locks.release(message.cell, connection.userId)) this.stateChanged();
  }

  /** Presence or locks changed here: tell this process's sockets and the other processes. */
  private stateChanged(): void {
    this.broadcastState();
    this.bridge.publish();
  }

  private broadcastState(): void {
    const locks = this.allLocks();
    this.lastLocks = JSON.stringify(locks);
    const presence = JSON.stringify({ type: 'presence', users: this.allPresence() } satisfies LiveServerMessage);
    const lockText = JSON.stringify({ type: 'locks', locks } satisfies LiveServerMessage);
    for (const connection of this.connections.values()) {
      this.enqueue(connection, presence, false);
      this.enqueue(connection, lockText, false);
    }
  }

  private localState(): LiveState {
    return { presence: mergePresence(this.localPresence()), locks: this.locks.list() };
  }

  private localPresence(): LivePresenceUser[] {
    return [...this.connections.values()].map((c) => ({ userId: c.userId, name: c.name, color: c.color, screen: c.screen, cell: c.cell }));
  }

  private allPresence(): LivePresenceUser[] {
    return mergePresence([...this.localPresence(), ...this.bridge.remoteState().presence]);
  }

  private allLocks() {
    const now = this.core.clock.now().getTime();
    const remote = this.bridge.remoteState().locks.filter((lock) => Date.parse(lock.expiresAt) > now);
    return [...this.locks.list(), ...remote].sort((a, b) => a.cell.localeCompare(b.cell));
  }

  private send(connection: Connection, message: LiveServerMessage): void {
    this.enqueue(connection, JSON.stringify(message), false);
  }

  /**
   * A bounded queue per socket. A client that falls behind loses its queued messages and gets one
   * `resync` instead (then fresh presence and locks): it refetches what it shows rather than replaying.
   */
  private enqueue(connection: Connection, text: string, isChange: boolean): void {
    if (connection.socket.readyState !== OPEN) return;
    if (connection.resyncing) {
      if (!isChange && connection.queue.length < this.maxQueue) connection.queue.push(text);
      return;
    }
    if (connection.queue.length >= this.maxQueue) {
      connection.queue = [JSON.stringify({ type: 'resync' } satisfies LiveServerMessage)];
      connection.resyncing = true;
      this.log.debug({ connection: connection.id }, 'live client fell behind; resync');
      this.flush(connection);
      return;
    }
    connection.queue.push(text);
    this.flush(connection);
  }

  private flush(connection: Connection): void {
    while (connection.inflight < this.maxInflight && connection.queue.length > 0) {
      if (connection.socket.readyState !== OPEN) {
        connection.queue = [];
        return;
      }
      const text = connection.queue.shift() as string;
      const wasResync = connection.resyncing && text.startsWith('{"type":"resync"');
      connection.inflight += 1;
      connection.socket.send(text, () => {
        connection.inflight -= 1;
        if (wasResync) {
          connection.resyncing = false;
          // What it shows is about to be refetched; presence and locks it may have missed come now.
          this.send(connection, { type: 'presence', users: this.allPresence() });
          this.send(connection, { type: 'locks', locks: this.allLocks() });
        }
        this.flush(connection);
      });
    }
  }

  private heartbeat(): void {
    for (const connection of this.connections.values()) {
      if (!connection.alive) {
        connection.socket.terminate();
        this.detach(connection);
        continue;
      }
      connection.alive = false;
      try {
        connection.socket.ping();
      } catch {
        // A socket closing under us: its close event detaches it.
      }
    }
  }
}
