import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { ChangeEvent, CoreContext } from './context.js';
import { rethrowAsDomainError } from './db-errors.js';
import { newId } from './ids.js';

export type Tx = Transaction<Database>;

export interface LogEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  /** Free-form but small: changed fields as {before, after}, or a summary of what happened. */
  diff: unknown;
}

/** What a command body gets: the transaction, who acts, one clock reading, and the log. */
export interface WriteScope {
  tx: Tx;
  actor: Actor;
  now: string;
  dialect: CoreContext['dialect'];
  settings: CoreContext['settings'];
  log(entry: LogEntry): Promise<void>;
}

/**
 * The one write path. The change and its activity-log entries commit together or not at all;
 * change events are published only after the commit.
 */
export async function write<T>(core: CoreContext, actor: Actor, body: (scope: WriteScope) => Promise<T>): Promise<T> {
  const events: ChangeEvent[] = [];
  const now = core.clock.now().toISOString();
  const result = await core.db.transaction().execute(async (tx) => {
    const log = async (entry: LogEntry) => {
      await tx
        .insertInto('activityLog')
        .values({
          id: newId(),
          // Read at log time, after the body's row locks: entries order as their changes committed.
          at: core.clock.now().toISOString(),
          actorKind: actor.kind,
          actorId: actor.id,
          actorName: actor.name,
          door: actor.door,
          requestId: actor.requestId,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          diffJson: JSON.stringify(entry.diff ?? null),
        })
        .execute();
      events.push({ action: entry.action, entityType: entry.entityType, entityId: entry.entityId, actor, at: now });
    };
    return body({ tx, actor, now, dialect: core.dialect, settings: core.settings, log });
  }).catch(rethrowAsDomainError);
  for (const event of events) core.events.emit('change', event);
  return result;
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
