import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { CoreContext } from './context.js';
import { rethrowAsDomainError } from './db-errors.js';
import { type EntityType, isEntityType, tableOf } from './entities.js';
import { newId } from './ids.js';
import { appendOutboxEvents, eventActor, eventDiff, type NewDomainEvent } from './outbox.js';

export type Tx = Transaction<Database>;

export interface LogEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  /** Free-form but small: changed fields as {before, after}, or a summary of what happened. */
  diff: unknown;
  /** The record's version after the change, where the entity keeps one. */
  version?: number | null;
  /** Entries of one bulk action (and of its undo) share the batch's id (batch/bulk.ts). */
  batchId?: string | null;
}

/** What a command body gets: the transaction, who acts, one clock reading, and the log. */
export interface WriteScope {
  tx: Tx;
  actor: Actor;
  now: string;
  dialect: CoreContext['dialect'];
  settings: CoreContext['settings'];
  log(entry: LogEntry): Promise<void>;
  /** Many entries in a few multi-row inserts: for bulk writes (the demo seed's copies), same log, same events. */
  logMany(entries: LogEntry[]): Promise<void>;
}

/** Rows per activity-log INSERT: 11 parameters each stays far below SQLite's 32,766. */
const LOG_CHUNK = 1_000;

/**
 * The one write path. The change, its activity-log entries and their outbox events commit together or
 * not at all; the dispatcher is only woken after the commit, and waking it cannot fail the write.
 */
export async function write<T>(core: CoreContext, actor: Actor, body: (scope: WriteScope) => Promise<T>): Promise<T> {
  const events: NewDomainEvent[] = [];
  const now = core.clock.now().toISOString();
  const result = await core.db.transaction().execute(async (tx) => {
    const logMany = async (entries: LogEntry[]) => {
      // Read at log time, after the body's row locks: entries order as their changes committed.
      const at = core.clock.now().toISOString();
      const rows = entries.map((entry) => {
        const id = newId();
        const { action, entityType, entityId } = entry;
        // The event shares the log entry's id: one change, one id, whichever record you start from.
        events.push({ id, at, action, entityType, entityId, version: entry.version ?? null, diff: eventDiff(entry.diff), actor: eventActor(actor) });
        const diffJson = JSON.stringify(entry.diff ?? null);
        return { id, at, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, door: actor.door, requestId: actor.requestId, action, entityType, entityId, diffJson, batchId: entry.batchId ?? null };
      });
      for (let start = 0; start < rows.length; start += LOG_CHUNK) {
        await tx
          .insertInto('activityLog')
          .values(rows.slice(start, start + LOG_CHUNK))
          .execute();
      }
    };
    const log = (entry: LogEntry) => logMany([entry]);
    const value = await body({ tx, actor, now, dialect: core.dialect, settings: core.settings, log, logMany });
    await stampVersions(tx, events);
    await appendOutboxEvents(tx, events, { dialect: core.dialect, now });
    return value;
  }).catch(rethrowAsDomainError);
  if (events.length > 0) core.dispatcher.wake();
  return result;
}

/**
 * Events carry the version their record reached in this transaction, read once per table after the
 * body ran (a command may change a record several times; subscribers see the final version).
 */
async function stampVersions(tx: Tx, events: NewDomainEvent[]): Promise<void> {
  const idsByType = new Map<EntityType, Set<string>>();
  for (const event of events) {
    if (event.version !== null || !event.entityId || !isEntityType(event.entityType)) continue;
    const ids = idsByType.get(event.entityType) ?? new Set<string>();
    ids.add(event.entityId);
    idsByType.set(event.entityType, ids);
  }
  for (const [entityType, ids] of idsByType) {
    const rows = await tx
      .selectFrom(tableOf(entityType) as 'organizations')
      .select(['id', 'version'])
      .where('id', 'in', [...ids])
      .execute();
    const versions = new Map(rows.map((row) => [row.id, row.version]));
    for (const event of events) {
      if (event.entityType === entityType && event.entityId && event.version === null) event.version = versions.get(event.entityId) ?? null;
    }
  }
}

type Plain = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level difference of two presented records: only what changed, both sides. */
export function diffRecords(before: Plain, after: Plain, ignore: string[] = ['updatedAt', 'updatedBy', 'version']): {
  before: Plain;
  after: Plain;
} {
  const changedBefore: Plain = {};
  const changedAfter: Plain = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(key)) continue;
    if (!same(before[key], after[key])) {
      changedBefore[key] = before[key] ?? null;
      changedAfter[key] = after[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}
