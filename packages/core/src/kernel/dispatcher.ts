import type { Db } from '../db/connect.js';
import type { Listen } from '../db/notifications.js';
import type { Row } from '../db/schema.js';
import { addMs, type BackgroundLog, describeError, exponentialBackoffMs, SILENT_LOG, WakeLoop } from './background.js';
import type { CoreContext, EventDelivery } from './context.js';
import { newId } from './ids.js';
import { type DomainEvent, EVENTS_CHANNEL, latestOutboxPosition, readOutboxAfter } from './outbox.js';
import type { Tx } from './write.js';

interface SubscriberBase {
  /** Names the cursor in event_subscriptions: keep it stable across releases. */
  name: string;
  /**
   * Where a subscriber seen for the first time starts: `now` (default) skips the history, `beginning`
   * replays the whole outbox. Once its cursor exists this is ignored.
   */
  from?: 'now' | 'beginning';
  /** Events per delivery (default 100). */
  batchSize?: number;
}

/**
 * A durable subscriber: it sees every event after its cursor, in order, once. A throw stops delivery
 * at that event; it is retried with backoff until it succeeds, and the failure is recorded meanwhile.
 */
export type Subscriber =
  | (SubscriberBase & { handle(event: DomainEvent): Promise<void> | void })
  | (SubscriberBase & { handleBatch(events: DomainEvent[]): Promise<void> | void });

export type EventListener = (event: DomainEvent) => void;

export interface DispatcherStartOptions {
  log?: BackgroundLog;
}

export interface DrainResult {
  /** Events handed to durable subscribers (each subscriber counts separately). */
  delivered: number;
  /** Deliveries that threw. */
  failures: number;
}

export interface Dispatcher extends EventDelivery {
  /** Register a durable subscriber in this process and create its cursor if it has none. */
  subscribe(subscriber: Subscriber): Promise<void>;
  unsubscribe(name: string): void;
  /**
   * In-process, not durable: every committed event (from any process) while this one runs, for live
   * fan-out. A throwing listener is logged and ignored.
   */
  onEvent(listener: EventListener): () => void;
  start(options?: DispatcherStartOptions): Promise<void>;
  /** Deliver everything deliverable now (not what waits for a retry time), for tests and shutdown. */
  drain(): Promise<DrainResult>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  /** A PostgreSQL server other processes share: guard each cursor with a row lock, not a lease. */
  shared: boolean;
  listen?: Listen | undefined;
  /** How often to look without being told (default: 1 s; 5 s where NOTIFY carries the news). */
  pollMs?: number;
}

export const SUBSCRIBER_BACKOFF = { baseMs: 1_000, maxMs: 5 * 60_000 };
/** How long a process may hold a subscriber on SQLite or PGlite before another may take it over. */
const LEASE_MS = 60_000;
const DEFAULT_BATCH = 100;
/** Batches per subscriber per cycle, so one busy subscriber cannot starve the rest. */
const BATCHES_PER_CYCLE = 10;

type SubscriptionRow = Row<'eventSubscriptions'>;
type Outcome = { deliveredThrough: number; delivered: number; error?: unknown };

export function createDispatcher(core: CoreContext, options: DispatcherOptions): Dispatcher {
  return new OutboxDispatcher(core, options);
}

class OutboxDispatcher implements Dispatcher {
  private readonly owner = newId();
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly listeners = new Set<EventListener>();
  /** Each subscriber's cursor as this process last saw it: an idle poll then costs one read, not a claim each. */
  private readonly knownPositions = new Map<string, number>();
  private livePosition: Promise<number> | null = null;
  private liveChain: Promise<boolean> = Promise.resolve(false);
  private liveQueued = false;
  private log: BackgroundLog = SILENT_LOG;
  /** One cycle at a time in this process, whoever asks (the loop, drain, stop). */
  private exclusive: Promise<unknown> = Promise.resolve();
  private readonly loop: WakeLoop;

  constructor(
    private readonly core: CoreContext,
    private readonly options: DispatcherOptions,
  ) {
    // Another process's commit wakes the live tail at once too, not after the subscribers' cycle.
    const upstream = options.listen;
    const listen: Listen | undefined =
      upstream &&
      ((channels, onNotify, onError) =>
        upstream(
          channels,
          (channel, payload) => {
            this.kickLive();
            onNotify(channel, payload);
          },
          onError,
        ));
    this.loop = new WakeLoop({
      label: 'event dispatch',
      channel: EVENTS_CHANNEL,
      listen,
      pollMs: options.pollMs,
      pass: async () => (await this.cycle()).progressed,
    });
  }

  private get db(): Db {
    return this.core.db;
  }

  async subscribe(subscriber: Subscriber): Promise<void> {
    if (this.subscribers.has(subscriber.name)) throw new Error(`A subscriber named ${subscriber.name} is already registered`);
    const position = subscriber.from === 'beginning' ? 0 : await latestOutboxPosition(this.db);
    const now = this.now();
    await this.db
      .insertInto('eventSubscriptions')
      .values({
        name: subscriber.name,
        position,
        attempts: 0,
        lastError: null,
        retryAt: null,
        failedAt: null,
        leasedBy: null,
        leaseUntil: null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    this.subscribers.set(subscriber.name, subscriber);
    this.wake();
  }

  unsubscribe(name: string): void {
    this.subscribers.delete(name);
    this.knownPositions.delete(name);
  }

  onEvent(listener: EventListener): () => void {
    this.livePosition ??= latestOutboxPosition(this.db);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(options: DispatcherStartOptions = {}): Promise<void> {
    if (this.loop.isRunning) return;
    this.log = options.log ?? SILENT_LOG;
    this.livePosition ??= latestOutboxPosition(this.db);
    await this.loop.start(this.log);
  }

  /** Called right after commits: it neither throws nor waits. */
  wake(): void {
    this.kickLive();
    this.loop.wake();
  }

  async drain(): Promise<DrainResult> {
    const total: DrainResult = { delivered: 0, failures: 0 };
    for (;;) {
      const result = await this.cycle();
      total.delivered += result.delivered;
      total.failures += result.failures;
      if (!result.progressed) return total;
    }
  }

  async catchUp(name: string): Promise<void> {
    const subscriber = this.subscribers.get(name);
    if (!subscriber) return;
    const run = this.exclusive
      .catch(() => {})
      .then(async () => {
        for (let batch = 0; batch < BATCHES_PER_CYCLE; batch++) {
          const outcome = await this.deliver(subscriber);
          if (!outcome || outcome.error !== undefined) return;
        }
      });
    this.exclusive = run;
    await run;
  }

  async stop(): Promise<void> {
    await this.loop.stop();
    await this.exclusive.catch(() => {});
  }

  private cycle(): Promise<DrainResult & { progressed: boolean }> {
    const run = this.exclusive.catch(() => {}).then(() => this.cycleOnce());
    this.exclusive = run;
    return run;
  }

  /**
   * Live listeners are fed on a chain of their own: a commit reaches them without waiting for the
   * durable subscribers' cycle (search indexing, notifications) under way. One pass at a time.
   */
  private runLive(): Promise<boolean> {
    const run = this.liveChain.catch(() => false).then(() => this.tailLive());
    this.liveChain = run;
    return run;
  }

  /** Called on commits and NOTIFYs while running: tail the outbox for live listeners now. Never throws. */
  private kickLive(): void {
    if (this.listeners.size === 0 || !this.loop.isRunning || this.liveQueued) return;
    this.liveQueued = true;
    const run = this.liveChain
      .catch(() => false)
      .then(async () => {
        this.liveQueued = false;
        let more = true;
        while (more) more = await this.tailLive();
        return false;
      });
    this.liveChain = run;
    run.catch((error: unknown) => this.log.warn({ err: error }, 'live event tail failed; the next poll retries'));
  }

  private async cycleOnce(): Promise<DrainResult & { progressed: boolean }> {
    let progressed = await this.runLive();
    const result: DrainResult = { delivered: 0, failures: 0 };
    if (this.subscribers.size === 0) return { ...result, progressed };
    const latest = await latestOutboxPosition(this.db);
    for (const subscriber of this.subscribers.values()) {
      if ((this.knownPositions.get(subscriber.name) ?? -1) >= latest) continue;
      for (let batch = 0; batch < BATCHES_PER_CYCLE; batch++) {
        const outcome = await this.deliver(subscriber);
        if (!outcome) break;
        result.delivered += outcome.delivered;
        if (outcome.delivered > 0) progressed = true;
        if (outcome.error !== undefined) {
          result.failures += 1;
          break;
        }
      }
    }
    return { ...result, progressed };
  }

  /** Hand new events to in-process listeners. Not durable: a restart starts from the newest event. */
  private async tailLive(): Promise<boolean> {
    if (this.listeners.size === 0 || !this.livePosition) return false;
    const after = await this.livePosition;
    const events = await readOutboxAfter(this.db, after, DEFAULT_BATCH);
    if (events.length === 0) return false;
    for (const event of events) {
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.log.warn({ err: error, event: event.id }, 'an event listener threw; ignored');
        }
      }
    }
    this.livePosition = Promise.resolve(events[events.length - 1]!.position);
    return true;
  }

  /** One batch to one subscriber; null when it had nothing to take (caught up, waiting to retry, or busy elsewhere). */
  private deliver(subscriber: Subscriber): Promise<Outcome | null> {
    return this.options.shared ? this.deliverLocked(subscriber) : this.deliverLeased(subscriber);
  }

  /**
   * PostgreSQL shared by several processes: hold the subscription row locked while delivering. Another
   * process skips a locked row instead of waiting, and a crashed process's lock dies with its connection.
   */
  private async deliverLocked(subscriber: Subscriber): Promise<Outcome | null> {
    return this.db.transaction().execute(async (tx) => {
      const now = this.now();
      const row = await tx
        .selectFrom('eventSubscriptions')
        .selectAll()
        .where('name', '=', subscriber.name)
        .where((eb) => eb.or([eb('retryAt', 'is', null), eb('retryAt', '<=', now)]))
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return null;
      const events = await readOutboxAfter(tx, Number(row.position), subscriber.batchSize ?? DEFAULT_BATCH);
      if (events.length === 0) {
        this.knownPositions.set(row.name, Number(row.position));
        return null;
      }
      const outcome = await this.handOver(subscriber, events, Number(row.position));
      await this.record(tx, row, outcome, {});
      return outcome;
    });
  }

  /** SQLite and PGlite: no row lock to hold across a handler, so take a lease on the cursor instead. */
  private async deliverLeased(subscriber: Subscriber): Promise<Outcome | null> {
    const now = this.now();
    const row = await this.db
      .updateTable('eventSubscriptions')
      .set({ leasedBy: this.owner, leaseUntil: addMs(now, LEASE_MS) })
      .where('name', '=', subscriber.name)
      .where((eb) => eb.and([eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<=', now)]), eb.or([eb('retryAt', 'is', null), eb('retryAt', '<=', now)])]))
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
    let outcome: Outcome | null = null;
    try {
      const events = await readOutboxAfter(this.db, Number(row.position), subscriber.batchSize ?? DEFAULT_BATCH);
      if (events.length > 0) outcome = await this.handOver(subscriber, events, Number(row.position));
      else this.knownPositions.set(row.name, Number(row.position));
    } finally {
      await this.record(this.db, row, outcome, { releaseLease: true });
    }
    return outcome;
  }

  /** Call the subscriber; per-event handlers keep the progress made before a throw. */
  private async handOver(subscriber: Subscriber, events: DomainEvent[], from: number): Promise<Outcome> {
    if ('handleBatch' in subscriber) {
      try {
        await subscriber.handleBatch(events);
        return { deliveredThrough: events[events.length - 1]!.position, delivered: events.length };
      } catch (error) {
        return { deliveredThrough: from, delivered: 0, error };
      }
    }
    let deliveredThrough = from;
    let delivered = 0;
    for (const event of events) {
      try {
        await subscriber.handle(event);
      } catch (error) {
        return { deliveredThrough, delivered, error };
      }
      deliveredThrough = event.position;
      delivered += 1;
    }
    return { deliveredThrough, delivered };
  }

  /** Move the cursor, and record a failure with its next retry time (from the core's clock). */
  private async record(db: Db | Tx, row: SubscriptionRow, outcome: Outcome | null, options: { releaseLease?: boolean }): Promise<void> {
    const now = this.now();
    const lease = options.releaseLease ? { leasedBy: null, leaseUntil: null } : {};
    let update = db.updateTable('eventSubscriptions').where('name', '=', row.name);
    if (options.releaseLease) update = update.where('leasedBy', '=', this.owner);
    if (!outcome) {
      if (options.releaseLease) await update.set(lease).execute();
      return;
    }
    if (outcome.error === undefined) {
      await update.set({ ...lease, position: outcome.deliveredThrough, attempts: 0, lastError: null, retryAt: null, failedAt: null, updatedAt: now }).execute();
      this.knownPositions.set(row.name, outcome.deliveredThrough);
      return;
    }
    // A failure on a later event than last time starts a fresh count.
    const attempts = outcome.delivered > 0 ? 1 : Number(row.attempts) + 1;
    const retryAt = addMs(now, exponentialBackoffMs(attempts, SUBSCRIBER_BACKOFF.baseMs, SUBSCRIBER_BACKOFF.maxMs));
    const lastError = describeError(outcome.error);
    await update
      .set({
        ...lease,
        position: outcome.deliveredThrough,
        attempts,
        lastError,
        retryAt,
        failedAt: outcome.delivered > 0 ? now : (row.failedAt ?? now),
        updatedAt: now,
      })
      .execute();
    this.knownPositions.set(row.name, outcome.deliveredThrough);
    this.log.warn({ subscriber: row.name, attempts, retryAt, error: lastError }, 'event subscriber failed; will retry');
  }

  private now(): string {
    return this.core.clock.now().toISOString();
  }
}
