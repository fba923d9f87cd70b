import type { Config } from './config/config.js';
import { type DatabaseTarget, openDatabase } from './db/connect.js';
import { assertNotNewerThanCode, migrateToLatest } from './db/migrator.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { type CoreContext, type CoreSettings, createEvents } from './kernel/context.js';

export interface Core extends CoreContext {
  describe: string;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  settings?: Partial<CoreSettings>;
  /** Apply pending migrations (the server does on start). Otherwise only refuse a newer database. */
  migrate?: boolean;
  /** The system clock unless a test sets one. */
  clock?: Clock;
}

export const DEFAULT_LOGIN_THROTTLE: CoreSettings['loginThrottle'] = {
  accountMaxFailures: 5,
  ipMaxFailures: 50,
  windowSeconds: 15 * 60,
  lockoutBaseSeconds: 60,
  lockoutMaxSeconds: 60 * 60,
};

export const DEFAULT_SETTINGS: CoreSettings = { sessionDays: 14, defaultPhoneRegion: 'US', timeZone: 'UTC', loginThrottle: DEFAULT_LOGIN_THROTTLE };

export async function openCore(target: DatabaseTarget, options: OpenCoreOptions = {}): Promise<Core> {
  const handle = await openDatabase(target);
  try {
    if (options.migrate) await migrateToLatest(handle);
    else await assertNotNewerThanCode(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    db: handle.db,
    dialect: handle.dialect,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    clock: options.clock ?? systemClock,
    events: createEvents(),
    describe: handle.describe,
    close: () => handle.close(),
  };
}

/** The database and domain settings a Config names, for every door that opens the core. */
export function coreOptionsFrom(config: Config): { target: DatabaseTarget; settings: CoreSettings } {
  const target: DatabaseTarget =
    config.database.kind === 'sqlite'
      ? { kind: 'sqlite', file: config.database.file }
      : { kind: 'postgres', url: config.database.url, appRole: config.databaseRole, ...(config.migrationDatabaseUrl ? { ownerUrl: config.migrationDatabaseUrl } : {}) };
  const loginThrottle = { ...DEFAULT_LOGIN_THROTTLE, ...config.loginThrottle };
  return { target, settings: { sessionDays: config.sessionDays, defaultPhoneRegion: config.defaultPhoneRegion, timeZone: config.timeZone, loginThrottle } };
}
