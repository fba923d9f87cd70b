import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import type { Actor } from './actor.js';
import { calendarDate, type Clock } from './clock.js';

/** Settings the domain needs; the rest of Config stays with the doors. */
export interface CoreSettings {
  sessionDays: number;
  defaultPhoneRegion: string;
  /** The team's IANA time zone: what "today" and "overdue" mean. */
  timeZone: string;
}

/** Published after a write's transaction commits, for indexing, live updates and automations. */
export interface ChangeEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  actor: Actor;
  at: string;
}

export interface CoreContext {
  db: Db;
  dialect: Dialect;
  settings: CoreSettings;
  clock: Clock;
  events: EventEmitter<{ change: [ChangeEvent] }>;
}

export function createEvents(): EventEmitter<{ change: [ChangeEvent] }> {
  return new EventEmitter<{ change: [ChangeEvent] }>();
}

/** Today's date (YYYY-MM-DD) in the team's time zone, by the core's clock. */
export function today(core: Pick<CoreContext, 'clock' | 'settings'>): string {
  return calendarDate(core.clock.now(), core.settings.timeZone);
}
