import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  UsersTable,
  SessionsTable,
  ApiKeysTable,
  OrganizationsTable,
  OrganizationNotesTable,
  OrganizationDomainsTable,
  ContactsTable,
  ContactEmailsTable,
  ContactPhonesTable,
  ContactOrganizationsTable,
  FundsTable,
  CommitmentsTable,
  CommitmentK1sTable,
  StageChangesTable,
  CommunicationsTable,
  CommunicationLinksTable,
  TasksTable,
  TagsTable,
  EntityTagsTable,
  CustomFieldDefinitionsTable,
  CustomFieldValuesTable,
  EntityAliasesTable,
} from './tables/crm.js';
import type {
  ActivityLogTable,
  BatchesTable,
  BatchItemsTable,
  LoginFailuresTable,
  LoginLockoutsTable,
  OutboxEventsTable,
  EventSubscriptionsTable,
  JobsTable,
  JobSchedulesTable,
} from './tables/system.js';
import type {
  SearchDocumentsTable,
  SearchTermsTable,
  NotificationsTable,
  NotificationPreferencesTable,
  NotificationDigestsTable,
  SavedViewsTable,
  AutomationsTable,
  AutomationRunsTable,
} from './tables/features.js';
import type {
  EmailMailboxesTable,
  EmailFolderCursorsTable,
  EmailSyncRunsTable,
  EmailThreadsTable,
  EmailMessagesTable,
  EmailMessageRefsTable,
  EmailMessageAddressesTable,
  EmailSightingsTable,
  EmailBlobsTable,
  EmailAttachmentsTable,
  EmailLinksTable,
  EmailThreadOverridesTable,
  EmailCaptureBlocksTable,
} from './tables/email.js';
import type { BackupSettingsTable, BackupsTable } from './tables/backups.js';
import type { RetrievalChunkEntitiesTable, RetrievalChunksTable, RetrievalMetaTable, RetrievalVectorsTable } from './tables/retrieval.js';
import type { ImportMappingsTable, ImportRowsTable, ImportsTable } from './tables/imports.js';
import type { LegacyImportRowsTable } from './tables/legacy.js';
import type { IdentityRecordsTable, IdentityRecordKeysTable, IdentitySuggestionsTable, EntityMergesTable, RelationshipEdgesTable } from './tables/identity.js';

/**
 * Table shapes as Kysely sees them, in camelCase (CamelCasePlugin maps to snake_case columns).
 * Portable types only: timestamps are UTC ISO-8601 text, dates YYYY-MM-DD text, booleans 0/1 integers,
 * money integer minor units (BIGINT on PostgreSQL, parsed back to number), JSON as text.
 */

export type * from './tables/backups.js';
export type * from './tables/retrieval.js';
export type * from './tables/common.js';
export type * from './tables/crm.js';
export type * from './tables/email.js';
export type * from './tables/features.js';
export type * from './tables/identity.js';
export type * from './tables/imports.js';
export type * from './tables/legacy.js';
export type * from './tables/system.js';

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  apiKeys: ApiKeysTable;
  organizations: OrganizationsTable;
  organizationDomains: OrganizationDomainsTable;
  organizationNotes: OrganizationNotesTable;
  contacts: ContactsTable;
  contactEmails: ContactEmailsTable;
  contactPhones: ContactPhonesTable;
  contactOrganizations: ContactOrganizationsTable;
  funds: FundsTable;
  commitments: CommitmentsTable;
  commitmentK1s: CommitmentK1sTable;
  stageChanges: StageChangesTable;
  communications: CommunicationsTable;
  communicationLinks: CommunicationLinksTable;
  tasks: TasksTable;
  tags: TagsTable;
  entityTags: EntityTagsTable;
  customFieldDefinitions: CustomFieldDefinitionsTable;
  customFieldValues: CustomFieldValuesTable;
  entityAliases: EntityAliasesTable;
  activityLog: ActivityLogTable;
  batches: BatchesTable;
  batchItems: BatchItemsTable;
  loginFailures: LoginFailuresTable;
  loginLockouts: LoginLockoutsTable;
  outboxEvents: OutboxEventsTable;
  eventSubscriptions: EventSubscriptionsTable;
  jobs: JobsTable;
  jobSchedules: JobSchedulesTable;
  searchDocuments: SearchDocumentsTable;
  searchTerms: SearchTermsTable;
  notifications: NotificationsTable;
  notificationPreferences: NotificationPreferencesTable;
  notificationDigests: NotificationDigestsTable;
  savedViews: SavedViewsTable;
  automations: AutomationsTable;
  automationRuns: AutomationRunsTable;
  identityRecords: IdentityRecordsTable;
  identityRecordKeys: IdentityRecordKeysTable;
  identitySuggestions: IdentitySuggestionsTable;
  entityMerges: EntityMergesTable;
  relationshipEdges: RelationshipEdgesTable;
  emailMailboxes: EmailMailboxesTable;
  emailFolderCursors: EmailFolderCursorsTable;
  emailSyncRuns: EmailSyncRunsTable;
  emailThreads: EmailThreadsTable;
  emailMessages: EmailMessagesTable;
  emailMessageRefs: EmailMessageRefsTable;
  emailMessageAddresses: EmailMessageAddressesTable;
  emailSightings: EmailSightingsTable;
  emailBlobs: EmailBlobsTable;
  emailAttachments: EmailAttachmentsTable;
  emailLinks: EmailLinksTable;
  emailThreadOverrides: EmailThreadOverridesTable;
  emailCaptureBlocks: EmailCaptureBlocksTable;
  backups: BackupsTable;
  backupSettings: BackupSettingsTable;
  imports: ImportsTable;
  importRows: ImportRowsTable;
  importMappings: ImportMappingsTable;
  legacyImportRows: LegacyImportRowsTable;
  retrievalChunks: RetrievalChunksTable;
  retrievalChunkEntities: RetrievalChunkEntitiesTable;
  retrievalMeta: RetrievalMetaTable;
  retrievalVectors: RetrievalVectorsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowPatch<T extends keyof Database> = Updateable<Database[T]>;
