// Email capture (core/email): mailboxes, sync cursors and runs, messages, threads, sightings, attachments, links.
import type { Generated } from 'kysely';
import type { Bool } from './common.js';

export interface EmailMailboxesTable {
  id: string;
  kind: string;
  label: string;
  address: string | null;
  ownerUserId: string | null;
  /** Non-secret settings as JSON (core/email/mailboxes). */
  settingsJson: string;
  /** AES-256-GCM sealed credentials (core/email/credentials.ts). */
  credentialsEnc: string | null;
  paused: Bool;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: string | null;
  deletedBy: string | null;
}

export interface EmailFolderCursorsTable {
  mailboxId: string;
  folder: string;
  uidValidity: string | null;
  lastUid: number;
  historyId: string | null;
  updatedAt: string;
}

export interface EmailSyncRunsTable {
  id: string;
  mailboxId: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  fetched: number;
  stored: number;
  matched: number;
  duplicates: number;
  errors: number;
  errorMessagesJson: string;
  foldersJson: string;
  durationMs: number | null;
}

export interface EmailThreadsTable {
  id: string;
  subject: string | null;
  providerThreadId: string | null;
  firstAt: string;
  lastAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface EmailMessagesTable {
  id: string;
  messageId: string;
  threadId: string;
  subject: string | null;
  fromJson: string | null;
  toJson: string;
  ccJson: string;
  /** Defaults to '[]' (migration 0016). */
  bccJson: Generated<string>;
  sentAt: string;
  direction: string;
  inReplyTo: string | null;
  size: number | null;
  hasBody: Bool;
  needsBody: Bool;
  bodyText: string | null;
  bodyHtml: string | null;
  snippet: string;
  communicationId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmailMessageRefsTable {
  messageRowId: string;
  refMessageId: string;
}

export interface EmailMessageAddressesTable {
  messageRowId: string;
  /** from, to or cc. */
  role: string;
  address: string;
  matchKey: string;
  domain: string;
}

export interface EmailSightingsTable {
  messageRowId: string;
  mailboxId: string;
  folder: string;
  uidValidity: string | null;
  locator: string;
  providerThreadId: string | null;
  seenAt: string;
}

export interface EmailBlobsTable {
  sha256: string;
  size: number;
  content: Uint8Array;
  createdAt: string;
}

export interface EmailAttachmentsTable {
  id: string;
  messageRowId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  stored: Bool;
  position: number;
}

export interface EmailLinksTable {
  messageRowId: string;
  entityType: string;
  entityId: string;
  matchKind: string;
  confidence: number;
  matchedOn: string | null;
  createdAt: string;
}

export interface EmailThreadOverridesTable {
  threadId: string;
  entityType: string;
  entityId: string;
  /** link or unlink. */
  action: string;
  createdAt: string;
  createdBy: string | null;
}

export interface EmailCaptureBlocksTable {
  entityType: string;
  entityId: string;
  createdAt: string;
  createdBy: string | null;
}
