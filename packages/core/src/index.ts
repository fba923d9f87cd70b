export { type Config, ConfigError, loadConfig } from './config/config.js';
export { type Core, coreOptionsFrom, openCore, DEFAULT_SETTINGS } from './core.js';
export { type Clock, ManualClock, shiftedClock, systemClock } from './kernel/clock.js';
export { today } from './kernel/context.js';
export { type DatabaseHandle, type DatabaseTarget, type Db, DEFAULT_APP_ROLE, openDatabase } from './db/connect.js';
export { backupSqlite } from './db/backup.js';
export { BACKUP_SCHEDULED_JOB, decideRetention, DEFAULT_RETENTION, type RetentionPolicy, scheduledBackupDue } from './backups/index.js';
export { migrateAllDown, migrateDown, migrateToLatest, MigrationError, schemaState } from './db/migrator.js';
export { type Actor, anonymousActor, systemActor } from './kernel/actor.js';
export type { CoreContext, CoreSettings } from './kernel/context.js';
export type { BackgroundLog } from './kernel/background.js';
export type { DomainEvent, EventActor, EventDiff } from './kernel/outbox.js';
export { type Listen, type Listening, notifyChannel } from './db/notifications.js';
export type { Dispatcher, DrainResult, EventListener, Subscriber } from './kernel/dispatcher.js';
export { Conflict, DomainError, Forbidden, Invalid, NotFound, RateLimited, Unauthorized } from './kernel/errors.js';
export { describeIssues, execute, invoke, issuesOf, type Operation, type OperationContext, type ValidationIssue } from './kernel/operations.js';
export { authorize, can, PERMISSIONS, type Permission, ROLE_PERMISSIONS } from './kernel/permissions.js';
export * as access from './access/index.js';
export {
  enqueueJob,
  type EnqueueJobInput,
  type JobContext,
  type JobHandler,
  type JobRunner,
  type RunSummary,
  type ScheduleDefinition,
} from './jobs/index.js';
export { operations } from './operations.js';
export { runIdentityScan, type ScanProgress } from './identity/index.js';
export type { PurgeResult } from './trash/purge.js';
export type { SeedSummary } from './seed/demo.js';
export { AUTOMATION_SCHEDULE_JOB, runScheduledAutomations } from './automations/index.js';
export { rebuildRelationships } from './relationships/index.js';
export { startMailWatchers, type MailWatchers } from './email/watch.js';
export { type ImportProgress, importMailFile } from './email/import.js';
export { importLegacyDatabase, type LegacyImportOptions, type LegacyImportReport } from './legacy-import/index.js';
export { liveMailboxIds } from './email/jobs.js';
export { type SyncProgress, syncMailbox } from './email/sync.js';
export { type DumpSummary, restoreDump, writeDump } from './data-transfer/index.js';
export { dryRunImport, type ImportProgress as CsvImportProgress, processImport, startImport, undoImport, uploadImport } from './imports/index.js';
export { type RebuildProgress, rebuildRetrievalIndex, retrievalStatus, setRetrievalEmbedder, embedPending } from './retrieval/index.js';
