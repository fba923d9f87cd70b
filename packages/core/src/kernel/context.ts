import { EventEmitter } from 'node:events';
import type { Db } from '../db/connect.js';
import type { Dialect } from '../db/migration-context.js';
import type { Actor } from './actor.js';

/** Settings the domain needs; the rest of Config stays with the doors. */
export interface CoreSettings {
  sessionDays: number;
  defaultPhoneRegion: string;
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
  events: EventEmitter<{ change: [ChangeEvent] }>;
}

export function createEvents(): EventEmitter<{ change: [ChangeEvent] }> {
  return new EventEmitter<{ change: [ChangeEvent] }>();
}
