import { z } from 'zod';
import { DateTime, Id, ListQueryBase, queryInt } from './common.js';

// Email capture (core/email): team mailboxes, their sync runs, and the messages and threads they bring in.

export const MailboxKind = z.enum(['imap', 'gmail', 'mbox']);
export type MailboxKind = z.infer<typeof MailboxKind>;

/** How a message came to be linked to a contact or organization. */
export const EmailMatchKind = z.enum(['exact_email', 'domain', 'manual']);
export type EmailMatchKind = z.infer<typeof EmailMatchKind>;

/** From the team's side: sent by a team mailbox (its Sent folder) or received by one. */
export const EmailDirection = z.enum(['inbound', 'outbound']);
export type EmailDirection = z.infer<typeof EmailDirection>;

export const EmailSyncTrigger = z.enum(['schedule', 'manual', 'idle', 'cli', 'import']);
export type EmailSyncTrigger = z.infer<typeof EmailSyncTrigger>;

/** The entity types a message or thread can be linked to. */
export const EmailLinkEntityType = z.enum(['contact', 'organization']);
export type EmailLinkEntityType = z.infer<typeof EmailLinkEntityType>;

const Host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, { error: 'must be a host name or IP address' });
const FolderName = z.string().trim().min(1).max(200);

/** `POST /api/email/mailboxes` with kind imap (admin). The password is encrypted at rest and never returned. */
export const ImapMailboxCreateInput = z.strictObject({
  kind: z.literal('imap'),
  host: Host,
  port: z.int().min(1).max(65535).default(993),
  /** TLS from the first byte (993); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(true),
  username: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
  /** Folders to sync; default: the inbox and the Sent folder (found by its special-use flag). */
  folders: z.array(FolderName).min(1).max(50).optional(),
  /** The team member whose mailbox it is (their emails count as "us" and link them to captured mail). */
  ownerUserId: Id.nullable().optional(),
  label: z.string().trim().min(1).max(200).optional(),
  /** Accept a self-signed or otherwise unverifiable certificate (test servers, some on-premises Exchange). */
  allowUntrustedCertificate: z.boolean().default(false),
});
export type ImapMailboxCreateInput = z.infer<typeof ImapMailboxCreateInput>;

/** Gmail API access: domain-wide delegation with a service account key, or a per-user OAuth refresh token. */
export const GmailMailboxCreateInput = z.strictObject({
  kind: z.literal('gmail'),
  /** The mailbox to read, e.g. partner@fund.example.com. */
  userEmail: z.string().trim().min(3).max(320),
  auth: z.discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('service_account'), serviceAccountKeyJson: z.string().min(2).max(20000) }),
    z.strictObject({ mode: z.literal('oauth'), clientId: z.string().min(1).max(500), clientSecret: z.string().min(1).max(500), refreshToken: z.string().min(1).max(2000) }),
  ]),
  /** Gmail label ids to sync; default INBOX and SENT. */
  labels: z.array(FolderName).min(1).max(50).optional(),
  ownerUserId: Id.nullable().optional(),
  label: z.string().trim().min(1).max(200).optional(),
});
export type GmailMailboxCreateInput = z.infer<typeof GmailMailboxCreateInput>;

export const MailboxCreateInput = z.discriminatedUnion('kind', [ImapMailboxCreateInput, GmailMailboxCreateInput]);
export type MailboxCreateInput = z.infer<typeof MailboxCreateInput>;

/** Changes to a mailbox; a new password replaces the stored one. */
export const MailboxUpdateInput = z.strictObject({
  label: z.string().trim().min(1).max(200).optional(),
  folders: z.array(FolderName).min(1).max(50).optional(),
  ownerUserId: Id.nullable().optional(),
  /** Paused mailboxes are not synced on schedule or on IDLE; "sync now" still works. */
  paused: z.boolean().optional(),
  password: z.string().min(1).max(1000).optional(),
});
export type MailboxUpdateInput = z.infer<typeof MailboxUpdateInput>;

/** One sync run: what it fetched and stored, and what went wrong. */
export const EmailSyncRunView = z
  .object({
    id: Id,
    mailboxId: Id,
    trigger: EmailSyncTrigger,
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: DateTime,
    finishedAt: DateTime.nullable(),
    /** Messages seen in the folders since the last run (headers fetched). */
    fetched: z.int().min(0),
    /** New messages stored (headers, and a body when matched). */
    stored: z.int().min(0),
    /** Of the stored (or re-fetched) messages, those linked to a contact or organization. */
    matched: z.int().min(0),
    /** Messages already stored from another mailbox or folder: a sighting was recorded instead. */
    duplicates: z.int().min(0),
    /** How many things failed; `errorMessages` says what. */
    errors: z.int().min(0),
    errorMessages: z.array(z.string()),
    durationMs: z.int().min(0).nullable(),
    /** Per folder: the UIDVALIDITY seen and whether it changed (a full re-read of that folder). */
    folders: z.array(z.object({ folder: z.string(), fetched: z.int().min(0), reset: z.boolean() })),
  })
  .meta({ id: 'EmailSyncRun' });
export type EmailSyncRunView = z.infer<typeof EmailSyncRunView>;

/** A mailbox as admins see it: settings and sync status, never a password or token. */
export const MailboxView = z
  .object({
    id: Id,
    kind: MailboxKind,
    label: z.string(),
    /** The address the mailbox receives at (IMAP username when it is an address, Gmail user). */
    address: z.string().nullable(),
    host: z.string().nullable(),
    port: z.int().nullable(),
    secure: z.boolean().nullable(),
    username: z.string().nullable(),
    folders: z.array(z.string()),
    ownerUserId: Id.nullable(),
    /** imap: password; gmail: service_account or oauth. Only that a secret is stored, never the secret. */
    authMode: z.enum(['password', 'service_account', 'oauth', 'none']),
    hasCredentials: z.boolean(),
    paused: z.boolean(),
    lastRun: EmailSyncRunView.nullable(),
    /** The last successful run's end: how fresh the captured mail is. */
    lastSuccessAt: DateTime.nullable(),
    messageCount: z.int().min(0),
    createdAt: DateTime,
    updatedAt: DateTime,
    version: z.int().min(1),
  })
  .meta({ id: 'Mailbox' });
export type MailboxView = z.infer<typeof MailboxView>;

export const EmailSyncRunListQuery = z.strictObject({
  limit: queryInt(1, 200).default(20),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
});
export type EmailSyncRunListQuery = z.infer<typeof EmailSyncRunListQuery>;

export const EmailAddressView = z.object({ name: z.string().nullable(), address: z.string() });
export type EmailAddressView = z.infer<typeof EmailAddressView>;

export const EmailAttachmentView = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.int().min(0),
  sha256: z.string(),
  /** False when larger than the size limit: listed, but its bytes were not kept. */
  stored: z.boolean(),
});
export type EmailAttachmentView = z.infer<typeof EmailAttachmentView>;

export const EmailLinkView = z.object({
  entityType: EmailLinkEntityType,
  entityId: Id,
  /** The contact's or organization's name, for display. */
  label: z.string(),
  matchKind: EmailMatchKind,
  confidence: z.number().min(0).max(1),
  /** The address (or domain) that matched; null for a manual link. */
  matchedOn: z.string().nullable(),
});
export type EmailLinkView = z.infer<typeof EmailLinkView>;

export const EmailMailboxSighting = z.object({ mailboxId: Id, label: z.string(), folder: z.string() });

export const EmailMessageView = z
  .object({
    id: Id,
    /** The RFC 5322 Message-ID, angle brackets removed. */
    messageId: z.string(),
    threadId: Id,
    subject: z.string().nullable(),
    from: EmailAddressView.nullable(),
    to: z.array(EmailAddressView),
    cc: z.array(EmailAddressView),
    /** Only on a team member's own sent copy. */
    bcc: z.array(EmailAddressView),
    sentAt: DateTime,
    direction: EmailDirection,
    /** Bodies are kept only for messages linked to a contact or organization. */
    hasBody: z.boolean(),
    /** The first 200 characters of the text body (empty without a body). */
    snippet: z.string(),
    mailboxes: z.array(EmailMailboxSighting),
    attachments: z.array(EmailAttachmentView),
    links: z.array(EmailLinkView),
    /** The timeline entry (communication of kind email) while the message is linked. */
    communicationId: Id.nullable(),
  })
  .meta({ id: 'EmailMessage' });
export type EmailMessageView = z.infer<typeof EmailMessageView>;

export const EmailMessageDetailView = EmailMessageView.extend({
  /** Absent when the message is not linked (headers only are stored). */
  bodyText: z.string().optional(),
  /** Sanitized HTML (sanitize-html: no scripts, styles, event handlers or remote images); absent without an HTML part. */
  bodyHtml: z.string().optional(),
}).meta({ id: 'EmailMessageDetail' });
export type EmailMessageDetailView = z.infer<typeof EmailMessageDetailView>;

export const EmailMessageListQuery = z.strictObject({
  ...ListQueryBase.pick({ limit: true, offset: true, q: true }).shape,
  /** Only messages linked to this contact or organization. */
  entityId: Id.optional(),
  mailboxId: Id.optional(),
  threadId: Id.optional(),
  /** The RFC Message-ID, with or without its angle brackets. */
  messageId: z.string().trim().min(1).max(1000).optional(),
  /** linked: only messages linked to something; unlinked: only the rest. */
  linked: z.enum(['linked', 'unlinked']).optional(),
});
export type EmailMessageListQuery = z.infer<typeof EmailMessageListQuery>;

export const EmailThreadView = z
  .object({
    id: Id,
    subject: z.string().nullable(),
    firstAt: DateTime,
    lastAt: DateTime,
    /** Oldest first. */
    messages: z.array(EmailMessageDetailView),
    /** Contacts and organizations any message of the thread is linked to. */
    links: z.array(EmailLinkView),
  })
  .meta({ id: 'EmailThread' });
export type EmailThreadView = z.infer<typeof EmailThreadView>;

export const EmailThreadListQuery = z.strictObject({
  limit: queryInt(1, 100).default(20),
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  entityId: Id.optional(),
});
export type EmailThreadListQuery = z.infer<typeof EmailThreadListQuery>;

/** Link or unlink a whole thread by hand; an unlink is remembered, so a re-match does not bring it back. */
export const EmailThreadLinkInput = z.strictObject({ entityType: EmailLinkEntityType, entityId: Id });
export type EmailThreadLinkInput = z.infer<typeof EmailThreadLinkInput>;

/** "Do not capture": no mail is linked to the contact or organization, and what was is removed. */
export const EmailCaptureBlockView = z.object({
  entityType: EmailLinkEntityType,
  entityId: Id,
  blocked: z.boolean(),
  blockedAt: DateTime.nullable(),
  blockedBy: z.string().nullable(),
});
export type EmailCaptureBlockView = z.infer<typeof EmailCaptureBlockView>;

export const EmailCaptureBlockParams = z.object({ entityType: EmailLinkEntityType, entityId: Id });

/** `lpdesk email import-mbox` and `POST /api/email/import`: a one-off import of an mbox or .eml file. */
export const EmailImportResult = EmailSyncRunView;

/** The `email_sync` part of a job's payload. */
export const EmailSyncJobPayload = z.object({ mailboxId: Id, trigger: EmailSyncTrigger.default('schedule') });
export type EmailSyncJobPayload = z.infer<typeof EmailSyncJobPayload>;

export const EMAIL_DEFAULTS = {
  /** Attachments larger than this are listed (name, size, hash) but their bytes are not stored. */
  attachmentMaxBytes: 25 * 1024 * 1024,
  /** Header batches handed to the pipeline at once. */
  batchSize: 200,
  /** The schedule's period: mail appears within this even where IDLE is not available. */
  syncEverySeconds: 60,
} as const;

/** `DELETE /api/email/threads/:id/links/:entityType/:entityId`. */
export const EmailThreadLinkParams = z.object({ id: Id, entityType: EmailLinkEntityType, entityId: Id });
export type EmailThreadLinkParams = z.infer<typeof EmailThreadLinkParams>;
