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
  /** Sign-in and password-check limits (access/login-throttle.ts). */
  loginThrottle: LoginThrottleSettings;
}

export interface LoginThrottleSettings {
  /** Failures for one username within the window that lock the account. */
  accountMaxFailures: number;
  /** Failures from one client address within the window after which it must wait. */
  ipMaxFailures: number;
  windowSeconds: number;
  /** First lockout; each further one in a row doubles, up to the maximum. */
  lockoutBaseSeconds: number;
  lockoutMaxSeconds: number;
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
