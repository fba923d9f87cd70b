import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table shapes as Kysely sees them, in camelCase (CamelCasePlugin maps to snake_case columns).
 * Portable types only: timestamps are UTC ISO-8601 text, dates YYYY-MM-DD text, booleans 0/1 integers,
 * money integer minor units (BIGINT on PostgreSQL, parsed back to number), JSON as text.
 */
type Bool = number;

interface Audited {
  /** 1 on insert, +1 per change (kernel/records.ts claimRow); what If-Match compares. */
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}

export interface UsersTable extends Audited {
  id: string;
  username: string;
  usernameNormalized: string;
  email: string | null;
  fullName: string | null;
  role: string;
  passwordHash: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
  totpSecret: string | null;
  /** 0/1: a temporary password (set by an admin) must be changed before anything else (migration 0010). */
  mustChangePassword: Generated<Bool>;
}

export interface SessionsTable {
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  revokedAt: string | null;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  role: string;
  prefix: string;
  keyHash: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export interface OrganizationsTable extends Audited {
  id: string;
  name: string;
  kind: string;
  website: string | null;
  description: string | null;
  location: string | null;
  ownerId: string | null;
  leadSource: string | null;
}

/** The append-only outreach log of an investor (0013). */
export interface OrganizationNotesTable {
  id: string;
  organizationId: string;
  body: string;
  notedOn: string;
  authorId: string | null;
  authorName: string | null;
  communicationId: string | null;
  createdAt: string;
}

export interface OrganizationDomainsTable {
  organizationId: string;
  domain: string;
}

export interface ContactsTable extends Audited {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  linkedinUrl: string | null;
  location: string | null;
  preferredChannel: string | null;
  source: string | null;
  notes: string | null;
  ownerId: string | null;
  accreditationStatus: string;
  accreditationMethod: string | null;
  accreditationVerifiedOn: string | null;
  accreditationExpiresOn: string | null;
  qualifiedPurchaser: Bool | null;
  /** A copy of the primary organization's name, kept for sorting (contacts/organization-sort.ts). */
  organizationSortName: Generated<string | null>;
}

export interface ContactEmailsTable {
  id: string;
  contactId: string;
  email: string;
  emailNormalized: string;
  isPrimary: Bool;
  position: number;
}

export interface ContactPhonesTable {
  id: string;
  contactId: string;
  phoneE164: string;
  label: string;
  isPrimary: Bool;
  position: number;
}

export interface ContactOrganizationsTable {
  contactId: string;
  organizationId: string;
  role: string | null;
  isPrimary: Bool;
  /** Works-at: the title held there and when (a mover keeps one identity and a dated history). */
  title: Generated<string | null>;
  startedOn: Generated<string | null>;
  endedOn: Generated<string | null>;
}

export interface FundsTable extends Audited {
  id: string;
  name: string;
  vintage: number | null;
  currency: string;
  targetAmount: number | null;
  hardCapAmount: number | null;
  status: string;
  exemption: string | null;
  firstCloseOn: string | null;
  finalCloseOn: string | null;
  description: string | null;
}

export interface CommitmentsTable extends Audited {
  id: string;
  organizationId: string;
  fundId: string;
  stage: string;
  stageChangedAt: string;
  declinedReason: string | null;
  currency: string;
  expectedAmount: number | null;
  committedAmount: number | null;
  fundedAmount: number | null;
  probability: number | null;
  expectedCloseOn: string | null;
  ownerId: string | null;
  primaryContactId: string | null;
  priority: string | null;
  nextStep: string | null;
  source: string | null;
  subscriptionDocsSentOn: string | null;
  subscriptionDocsSignedOn: string | null;
  sideLetter: Bool;
  wireReceivedOn: string | null;
}

export interface CommitmentK1sTable {
  commitmentId: string;
  taxYear: number;
  sentOn: string;
}

export interface StageChangesTable {
  id: string;
  commitmentId: string;
  fromStage: string | null;
  toStage: string;
  reason: string | null;
  changedAt: string;
  actorKind: string;
  actorId: string | null;
}

export interface CommunicationsTable extends Audited {
  id: string;
  kind: string;
  occurredAt: string;
  subject: string | null;
  body: string | null;
  outcome: string | null;
  nextAction: string | null;
  nextActionDueOn: string | null;
  durationMinutes: number | null;
  source: string;
  authorId: string | null;
}

export interface CommunicationLinksTable {
  communicationId: string;
  entityType: string;
  entityId: string;
}

export interface TasksTable extends Audited {
  id: string;
  title: string;
  notes: string | null;
  dueOn: string | null;
  assigneeId: string | null;
  status: string;
  completedAt: string | null;
  entityType: string | null;
  entityId: string | null;
  communicationId: string | null;
}

export interface TagsTable extends Audited {
  id: string;
  name: string;
  nameNormalized: string;
  color: string;
}

export interface EntityTagsTable {
  tagId: string;
  entityType: string;
  entityId: string;
  createdAt: string;
}

export interface CustomFieldDefinitionsTable extends Audited {
  id: string;
  entityType: string;
  key: string;
  label: string;
  type: string;
  optionsJson: string;
  required: Bool;
  position: number;
}

export interface CustomFieldValuesTable {
  definitionId: string;
  entityType: string;
  entityId: string;
  valueText: string | null;
  valueNumber: number | null;
  valueJson: string | null;
  updatedAt: string;
}

export interface EntityAliasesTable {
  id: string;
  entityType: string;
  entityId: string;
  kind: string;
  source: string;
  value: string;
  createdAt: string;
}

export interface ActivityLogTable {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  door: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  diffJson: string;
  /** The bulk action (batches.id) this entry belongs to, if any. */
  batchId: string | null;
}

/** One bulk action over many records of a list (batch/bulk.ts). */
export interface BatchesTable {
  id: string;
  collection: string;
  entityType: string;
  action: string;
  paramsJson: string;
  matched: number;
  count: number;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** A record a bulk action changed: the value its undo puts back, and the version the batch left. */
export interface BatchItemsTable {
  batchId: string;
  entityId: string;
  beforeJson: string;
  versionAfter: number;
}

/** One failed sign-in or password check, kept for the throttling window (access/login-throttle.ts). */
export interface LoginFailuresTable {
  id: string;
  at: string;
  usernameNormalized: string;
  ip: string | null;
  kind: string;
}

export interface LoginLockoutsTable {
  usernameNormalized: string;
  lockedUntil: string;
  /** How many lockouts in a row: each doubles the next one, up to a cap. */
  level: number;
  updatedAt: string;
}

/** The transactional outbox: activity-log entries as events, in commit order by `position`. */
export interface OutboxEventsTable {
  position: Generated<number>;
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  version: number | null;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  door: string;
  requestId: string | null;
  diffJson: string;
  createdAt: string;
}

/** One delivery cursor per named subscriber. */
export interface EventSubscriptionsTable {
  name: string;
  /** The last position delivered. */
  position: number;
  /** Failed deliveries in a row; 0 when healthy. */
  attempts: number;
  lastError: string | null;
  retryAt: string | null;
  /** When the current run of failures began. */
  failedAt: string | null;
  leasedBy: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payloadJson: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  leaseUntil: string | null;
  leasedBy: string | null;
  lastError: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  resultJson: string | null;
}

export interface JobSchedulesTable {
  name: string;
  kind: string;
  payloadJson: string;
  cron: string;
  nextRunAt: string;
  lastRunAt: string | null;
  enabled: Bool;
  createdAt: string;
  updatedAt: string;
}

/** One normalized text per searchable record (search/documents.ts); trigram-indexed on both dialects. */
export interface SearchDocumentsTable {
  id: Generated<number>;
  entityType: string;
  entityId: string;
  text: string;
}

/** The distinct words of all documents, for typo expansion (search/typos.ts). */
export interface SearchTermsTable {
  id: Generated<number>;
  term: string;
  documentCount: number;
}

/** One entry in a user's notification centre (core/notifications). */
export interface NotificationsTable {
  id: string;
  recipientId: string;
  kind: string;
  entityType: string;
  entityId: string;
  actorId: string | null;
  text: string;
  /** Unique per recipient: the same mention or the same day's reminder is stored once. */
  dedupeKey: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreferencesTable {
  userId: string;
  emailDigest: Bool;
  updatedAt: string;
}

/** A digest email claimed (and sent) for a user on a team-local day. */
export interface NotificationDigestsTable {
  userId: string;
  day: string;
  sentAt: string;
}

/** A saved screen state (core/saved-views); private to `ownerId` unless shared. */
export interface SavedViewsTable extends Audited {
  id: string;
  name: string;
  screen: string;
  shared: Bool;
  /** contracts' ViewState as JSON. */
  stateJson: string;
  ownerId: string | null;
}

/** An automation rule (core/automations): trigger, condition and actions as JSON validated by the contracts. */
export interface AutomationsTable extends Audited {
  id: string;
  name: string;
  description: string | null;
  enabled: Bool;
  triggerJson: string;
  conditionJson: string | null;
  actionsJson: string;
  /** Shipped example (the legacy tool's hard-coded flags), editable like any rule. */
  example: Bool;
  lastRunAt: string | null;
  /** When it was last enabled or its trigger changed: earlier events do not set it off. */
  armedAt: string | null;
  /** Schedule rules: the instant up to which cron slots have been handled. */
  scheduledThrough: string | null;
}

/** One application (or skip) of a rule to one record. */
export interface AutomationRunsTable {
  id: string;
  automationId: string;
  at: string;
  cause: string;
  entityType: string;
  entityId: string | null;
  status: string;
  reason: string | null;
  changesJson: string;
  depth: number;
}

/** A source record (core/identity): as the source wrote it, and the entity it resolved into with the rule and confidence. */
export interface IdentityRecordsTable {
  id: string;
  source: string;
  externalId: string;
  kind: string;
  entityType: string;
  entityId: string;
  rule: string;
  confidence: number;
  reason: string;
  recordJson: string;
  observedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface IdentityRecordKeysTable {
  recordId: string;
  key: string;
  entityId: string;
}

/** An unordered pair of entities (entityA < entityB) that may be one: open, merged or rejected. */
export interface IdentitySuggestionsTable {
  id: string;
  entityType: string;
  entityA: string;
  entityB: string;
  confidence: number;
  evidenceJson: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** A reversible merge: snapshotJson holds every row it changed, moved or retired, as it was. */
export interface EntityMergesTable {
  id: string;
  entityType: string;
  survivorId: string;
  mergedId: string;
  rule: string;
  confidence: number | null;
  fieldsJson: string;
  snapshotJson: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  createdAt: string;
  undoneAt: string | null;
  undoneBy: string | null;
}

export interface RelationshipEdgesTable {
  id: string;
  kind: string;
  fromType: string;
  fromId: string;
  toType: string;
  toId: string;
  strength: number;
  evidenceJson: string;
  note: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

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
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowPatch<T extends keyof Database> = Updateable<Database[T]>;
