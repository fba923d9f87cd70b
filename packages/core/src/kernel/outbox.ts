import type { ActorKind, Door } from '@lpdesk/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import type { Row } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { Tx } from './write.js';

/** Who made the change, through which door: the activity-log columns, grouped. */
export interface EventActor {
  kind: ActorKind;
  id: string | null;
  name: string | null;
  door: Door;
  requestId: string | null;
}

/** The log entry's diff: usually the changed fields both sides, sometimes a summary of what happened. */
export interface EventDiff {
  before?: unknown;
  after?: unknown;
  [key: string]: unknown;
}

/**
 * A committed change, as subscribers see it. Every activity-log entry is one; `position` is its place
 * in the one total order subscribers are fed in.
 */
export interface DomainEvent {
  id: string;
  position: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The record's version after the change, where the entity keeps one. */
  version: number | null;
  diff: EventDiff;
  actor: EventActor;
}

export type NewDomainEvent = Omit<DomainEvent, 'position'>;

/** PostgreSQL channels: other processes wake on these instead of waiting for their next poll. */
export const EVENTS_CHANNEL = 'lpdesk_events';
export const JOBS_CHANNEL = 'lpdesk_jobs';

/**
 * Serialises the tail of PostgreSQL write transactions, so outbox positions become visible in the order
 * they were assigned. Without it a transaction holding position 5 could commit after one holding 6, and
 * a subscriber that had already read 6 would never see 5. The lock is taken just before the outbox
 * insert, at the very end of the transaction, and released by its commit. (SQLite has one writer at a time.)
 */
const OUTBOX_LOCK_KEY = 7_231_204_017;
/** Rows per INSERT: 13 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 500;

export function eventActor(actor: Actor): EventActor {
  return { kind: actor.kind, id: actor.id, name: actor.name, door: actor.door, requestId: actor.requestId };
}

export function eventDiff(diff: unknown): EventDiff {
  if (diff !== null && typeof diff === 'object' && !Array.isArray(diff)) return diff as EventDiff;
  return diff === undefined || diff === null ? {} : { value: diff };
}

/**
 * Append events to the outbox inside the caller's transaction: they commit with the change or not at all.
 * On PostgreSQL the NOTIFY is transactional too, so other processes hear of the events only on commit.
 */
export async function appendOutboxEvents(tx: Tx, events: NewDomainEvent[], options: { dialect: Dialect; now: string }): Promise<void> {
  if (events.length === 0) return;
  if (options.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK_KEY})`.execute(tx);
  for (let start = 0; start < events.length; start += INSERT_CHUNK) {
    await insertOutboxRows(tx, events.slice(start, start + INSERT_CHUNK), options.now);
  }
  if (options.dialect === 'postgres') await sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`.execute(tx);
}

async function insertOutboxRows(tx: Tx, events: NewDomainEvent[], now: string): Promise<void> {
  await tx
    .insertInto('outboxEvents')
    .values(
      events.map((event) => ({
        id: event.id,
        at: event.at,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        version: event.version,
        actorKind: event.actor.kind,
        actorId: event.actor.id,
        actorName: event.actor.name,
        door: event.actor.door,
        requestId: event.actor.requestId,
        diffJson: JSON.stringify(event.diff),
        createdAt: now,
      })),
    )
    .execute();
}

export function presentOutboxEvent(row: Row<'outboxEvents'>): DomainEvent {
  return {
    id: row.id,
    position: Number(row.position),
    at: row.at,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    version: row.version === null ? null : Number(row.version),
    diff: JSON.parse(row.diffJson) as EventDiff,
    actor: { kind: row.actorKind as ActorKind, id: row.actorId, name: row.actorName, door: row.door as Door, requestId: row.requestId },
  };
}

/** Committed events after a position, oldest first. */
export async function readOutboxAfter(db: Db | Tx, position: number, limit: number): Promise<DomainEvent[]> {
  const rows = await db.selectFrom('outboxEvents').selectAll().where('position', '>', position).orderBy('position').limit(limit).execute();
  return rows.map(presentOutboxEvent);
}

/** The newest position, or 0 for an empty outbox: where a new subscriber starts. */
export async function latestOutboxPosition(db: Db | Tx): Promise<number> {
  const row = await db
    .selectFrom('outboxEvents')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}
