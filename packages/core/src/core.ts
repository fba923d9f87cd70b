import { AUTOMATION_JOBS, automationsSubscriber } from './automations/index.js';
import { BACKUP_JOBS } from './backups/index.js';
import type { Config } from './config/config.js';
import { type DatabaseTarget, openDatabase } from './db/connect.js';
import type { Listen } from './db/notifications.js';
import { assertNotNewerThanCode, migrateToLatest, schemaState } from './db/migrator.js';
import { EMAIL_JOBS } from './email/jobs.js';
import { importRunJob } from './imports/index.js';
import { createJobRunner, type JobRunner, MAINTENANCE_JOBS } from './jobs/index.js';
import { type Clock, systemClock } from './kernel/clock.js';
import { type CoreContext, type CoreSettings, NOTHING_TO_WAKE } from './kernel/context.js';
import { createDispatcher, type Dispatcher } from './kernel/dispatcher.js';
import { NOTIFICATION_JOBS, notificationsSubscriber } from './notifications/index.js';
import { emailRematchJob, emailRematchSubscriber } from './email/rematch.js';
import { relationshipsSubscriber } from './relationships/index.js';
import { reindexSearchJob, searchIndexSubscriber } from './search/index.js';
import { retrievalEmbedJob, retrievalIndexSubscriber, retrievalRebuildJob } from './retrieval/index.js';

export interface Core extends CoreContext {
  /** Delivers outbox events to subscribers; idle until started (the server and `lpdesk worker` start it). */
  dispatcher: Dispatcher;
  /** Claims and runs jobs; idle until started. */
  jobs: JobRunner;
  describe: string;
  /** Only a PostgreSQL server is shared by several processes (live presence is then shared through NOTIFY). */
  shared: boolean;
  /** LISTEN on PostgreSQL channels (PostgreSQL and PGlite); absent on SQLite. */
  listen?: Listen;
  /** Stops the dispatcher and the job runner, then closes the database. */
  close(): Promise<void>;
}

const SEARCH_MIGRATION = '0006_search_index';
const NOTIFICATIONS_MIGRATION = '0008_notifications';
const AUTOMATIONS_MIGRATION = '0014_automations';
const IDENTITY_MIGRATION = '0015_identity';
const EMAIL_MIGRATION = '0016_email';
const RETRIEVAL_MIGRATION = '0020_retrieval';

export interface OpenCoreOptions {
  settings?: Partial<CoreSettings>;
  /** Apply pending migrations (the server does on start). Otherwise only refuse a newer database. */
  migrate?: boolean;
  /** The system clock unless a test sets one. */
  clock?: Clock;
  /** How often the dispatcher and job runner look for work unprompted (default 1 s, or 5 s with LISTEN/NOTIFY). */
  pollMs?: number;
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
  const context: CoreContext = {
    db: handle.db,
    dialect: handle.dialect,
    settings: { ...DEFAULT_SETTINGS, ...options.settings, database: target },
    clock: options.clock ?? systemClock,
    dispatcher: NOTHING_TO_WAKE,
    jobs: NOTHING_TO_WAKE,
  };
  const poll = options.pollMs === undefined ? {} : { pollMs: options.pollMs };
  const dispatcher = createDispatcher(context, { shared: handle.shared, listen: handle.listen, ...poll });
  const jobs = createJobRunner(context, { skipLocked: handle.dialect === 'postgres', listen: handle.listen, ...poll });
  for (const handler of MAINTENANCE_JOBS) jobs.register(handler);
  jobs.register(reindexSearchJob);
  for (const handler of NOTIFICATION_JOBS) jobs.register(handler);
  for (const handler of AUTOMATION_JOBS) jobs.register(handler);
  for (const handler of EMAIL_JOBS) jobs.register(handler);
  jobs.register(emailRematchJob);
  for (const handler of BACKUP_JOBS) jobs.register(handler);
  jobs.register(importRunJob);
  jobs.register(retrievalEmbedJob);
  jobs.register(retrievalRebuildJob);
  // Every door's core keeps the search index and notifications current; a database not yet migrated has no tables for them.
  const pending = options.migrate ? [] : (await schemaState(handle)).pending;
  if (!pending.includes(SEARCH_MIGRATION)) await dispatcher.subscribe(searchIndexSubscriber(context));
  if (!pending.includes(NOTIFICATIONS_MIGRATION)) await dispatcher.subscribe(notificationsSubscriber(context));
  if (!pending.includes(AUTOMATIONS_MIGRATION)) await dispatcher.subscribe(automationsSubscriber(context));
  if (!pending.includes(IDENTITY_MIGRATION)) await dispatcher.subscribe(relationshipsSubscriber(context));
  if (!pending.includes(EMAIL_MIGRATION)) await dispatcher.subscribe(emailRematchSubscriber(context));
  if (!pending.includes(RETRIEVAL_MIGRATION)) await dispatcher.subscribe(retrievalIndexSubscriber(context));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await dispatcher.stop();
      await jobs.stop();
      await handle.close();
    })();
    return closing;
  };
  // The same object the dispatcher and runner already hold, now complete.
  return Object.assign(context, { dispatcher, jobs, describe: handle.describe, shared: handle.shared, ...(handle.listen ? { listen: handle.listen } : {}), close });
}

/** The database and domain settings a Config names, for every door that opens the core. */
export function coreOptionsFrom(config: Config): { target: DatabaseTarget; settings: CoreSettings } {
  const target: DatabaseTarget =
    config.database.kind === 'sqlite'
      ? { kind: 'sqlite', file: config.database.file }
      : { kind: 'postgres', url: config.database.url, appRole: config.databaseRole, ...(config.migrationDatabaseUrl ? { ownerUrl: config.migrationDatabaseUrl } : {}) };
  const loginThrottle = { ...DEFAULT_LOGIN_THROTTLE, ...config.loginThrottle };
  return { target, settings: { sessionDays: config.sessionDays, defaultPhoneRegion: config.defaultPhoneRegion, timeZone: config.timeZone, loginThrottle, mail: config.mail, identity: config.identity, instanceSecret: config.secret, backups: { directory: config.backupDirectory, key: config.backupKey }, embedder: config.embedder } };
}
