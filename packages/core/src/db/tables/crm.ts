import type { Generated } from 'kysely';
import type { Audited, Bool } from './common.js';

// Users and the CRM records: organizations, contacts, funds, commitments, communications, tasks, tags, custom fields, aliases.

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
  /** Agent keys: `off` | `pii` (core/agents). */
  redaction: string;
  /** Agent keys: `direct` | `approval` (core/agents). */
  writes: string;
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
  /** inbound or outbound for captured email (migration 0016); null when logged by hand. */
  direction: string | null;
  /** The captured message (email_messages.id) this timeline entry shows. */
  emailMessageId: string | null;
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
