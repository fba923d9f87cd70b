import { type DatabaseTarget, openDatabase } from './db/connect.js';
import { assertNotNewerThanCode, migrateToLatest } from './db/migrator.js';
import { type CoreContext, type CoreSettings, createEvents } from './kernel/context.js';

export interface Core extends CoreContext {
  describe: string;
  close(): Promise<void>;
}

export interface OpenCoreOptions {
  settings?: Partial<CoreSettings>;
  /** Apply pending migrations (the server does on start). Otherwise only refuse a newer database. */
  migrate?: boolean;
}

export const DEFAULT_SETTINGS: CoreSettings = { sessionDays: 14, defaultPhoneRegion: 'US' };

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
    events: createEvents(),
    describe: handle.describe,
    close: () => handle.close(),
  };
}
