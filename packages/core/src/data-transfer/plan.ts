import type { Database } from '../db/schema.js';

/**
 * What a dump holds, table by table, in foreign-key order (a parent before every table that points
 * at it), so a restore inserts in this order without deferring constraints. Keyed by every table of
 * db/schema.ts: a new table that is neither dumped nor excluded with a reason does not compile.
 */
type TablePlan = { dump: true } | { dump: false; reason: string };

const DUMP = { dump: true } as const;
const exclude = (reason: string): TablePlan => ({ dump: false, reason });

export const DUMP_PLAN: Record<keyof Database, TablePlan> = {
  users: DUMP,
  sessions: exclude('sign-ins do not travel: everyone signs in again on the restored instance'),
  apiKeys: DUMP,
  organizations: DUMP,
  organizationDomains: DUMP,
  organizationNotes: DUMP,
  contacts: DUMP,
  contactEmails: DUMP,
  contactPhones: DUMP,
  contactOrganizations: DUMP,
  funds: DUMP,
  commitments: DUMP,
  commitmentK1s: DUMP,
  stageChanges: DUMP,
  communications: DUMP,
  communicationLinks: DUMP,
  tasks: DUMP,
  tags: DUMP,
  entityTags: DUMP,
  customFieldDefinitions: DUMP,
  customFieldValues: DUMP,
  entityAliases: DUMP,
  activityLog: DUMP,
  batches: DUMP,
  batchItems: DUMP,
  loginFailures: exclude('sign-in throttling window of this instance (minutes long)'),
  loginLockouts: exclude('sign-in throttling state of this instance (minutes long)'),
  outboxEvents: exclude('delivery queue of this instance; the export drains it first and the activity log keeps the history'),
  eventSubscriptions: exclude("delivery cursors into this instance's outbox; every instance creates its own on start"),
  jobs: exclude('queue and run history of this instance: a restored queue would re-run syncs and sends'),
  jobSchedules: exclude('created by the worker on start from the code and configuration'),
  searchDocuments: DUMP,
  searchTerms: DUMP,
  notifications: DUMP,
  notificationPreferences: DUMP,
  notificationDigests: DUMP,
  savedViews: DUMP,
  automations: DUMP,
  automationRuns: DUMP,
  identityRecords: DUMP,
  identityRecordKeys: DUMP,
  identitySuggestions: DUMP,
  entityMerges: DUMP,
  relationshipEdges: DUMP,
  emailMailboxes: DUMP,
  emailFolderCursors: DUMP,
  emailSyncRuns: DUMP,
  emailThreads: DUMP,
  emailMessages: DUMP,
  emailMessageRefs: DUMP,
  emailMessageAddresses: DUMP,
  emailSightings: DUMP,
  emailBlobs: DUMP,
  emailAttachments: DUMP,
  emailLinks: DUMP,
  emailThreadOverrides: DUMP,
  emailCaptureBlocks: DUMP,
  // CSV imports: the history, the per-row report and what undo puts back, and remembered mappings.
  imports: DUMP,
  importRows: DUMP,
  importMappings: DUMP,
  // Backups: the files live on this machine's disk, so their history means nothing elsewhere; the schedule does travel.
  backups: exclude("history of backup files on this instance's disk"),
  backupSettings: DUMP,
  // What a legacy import brought in (a re-run of the same crm.db on the restored instance still creates nothing).
  legacyImportRows: DUMP,
  // Retrieval: derived from the records above (and the embedder of this instance); rebuilt after a restore.
  retrievalChunks: exclude('derived retrieval index, rebuilt from the records'),
  retrievalChunkEntities: exclude('derived retrieval index, rebuilt from the records'),
  retrievalMeta: exclude('derived retrieval index metadata'),
  retrievalVectors: exclude("derived vectors of this instance's embedder"),
};

/** snake_case, as the database and the dump file name them. */
export function sqlTableName(table: string): string {
  return table.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The dumped tables as the file names them, in insert order. */
export const DUMPED_TABLES: readonly string[] = Object.entries(DUMP_PLAN)
  .filter(([, plan]) => plan.dump)
  .map(([table]) => sqlTableName(table));

/** The excluded tables and why, as docs/export.md lists them. */
export const EXCLUDED_TABLES: ReadonlyArray<{ table: string; reason: string }> = Object.entries(DUMP_PLAN).flatMap(([table, plan]) =>
  plan.dump ? [] : [{ table: sqlTableName(table), reason: plan.reason }],
);

/**
 * Tables the database keeps for itself: the migration ledger (its last entry is the dump's
 * schemaVersion) and SQLite's full-text shadow tables, filled by triggers from search_documents.
 */
export function isDatabaseInternal(table: string): boolean {
  return table.startsWith('schema_migrations') || table.startsWith('sqlite_') || /_fts(_|$)/.test(table);
}
