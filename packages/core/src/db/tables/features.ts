import type { Generated } from 'kysely';
import type { Audited, Bool } from './common.js';

// Search, notifications, saved views and automations.

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
