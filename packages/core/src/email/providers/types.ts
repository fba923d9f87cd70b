// The one interface every mail source implements (IMAP, Gmail API, mbox/eml files). The sync in
// core/email/sync.ts drives it; providers/conformance.ts is the suite every provider passes.

/** Where a folder's incremental sync stands, as stored in email_folder_cursors. */
export interface FolderCursor {
  folder: string;
  /** IMAP UIDVALIDITY as text (imapflow gives a BigInt); null before the first sync or for other providers. */
  uidValidity: string | null;
  /** The highest IMAP UID already handed to the pipeline (0: none). */
  lastUid: number;
  /** Gmail's historyId after the last sync; null otherwise. */
  historyId: string | null;
}

/** What a provider knows about a message before its body: enough to de-duplicate, thread and match. */
export interface MessageEnvelope {
  /** The provider's handle for the message inside the folder: the IMAP UID as text, a Gmail message id, an mbox position. */
  locator: string;
  folder: string;
  /** The raw RFC 5322 header block (up to the blank line). The pipeline parses it the same way for every provider. */
  headers: Buffer;
  /** Gmail's threadId, or IMAP's X-GM-THRID where the server has it. */
  providerThreadId?: string | null;
  /** The server's received time (IMAP INTERNALDATE), ISO 8601; a fallback when the Date header is missing or bad. */
  receivedAt?: string | null;
  /** RFC 822 size in bytes, when known. */
  size?: number | null;
  /**
   * The source marks this message as sent by the mailbox itself where folders cannot say so (a Takeout
   * mbox: Gmail's "Sent" label). Treated like a message in the sent folder.
   */
  isSent?: boolean;
}

/** One folder's news since its cursor. */
export interface FolderChanges {
  /** Where the folder stands once every batch has been taken; stored only after the pipeline has them. */
  cursor: FolderCursor;
  /** The folder changed identity (a new UIDVALIDITY): every message in it is listed again. */
  reset: boolean;
  /** New messages, oldest first, in batches. */
  batches: AsyncIterable<MessageEnvelope[]>;
}

export interface RawMessage {
  locator: string;
  /** The whole RFC 822 message. */
  source: Buffer;
}

/** An open connection to one mailbox. */
export interface MailSession {
  /** The folders this mailbox syncs (configured, or the provider's defaults: inbox and sent). */
  folders(): Promise<string[]>;
  /** The folder the provider marks as sent mail (IMAP \Sent special-use, Gmail SENT), if any. */
  sentFolder(): Promise<string | null>;
  /** New messages in a folder since the cursor (null: the first sync, everything). */
  changes(folder: string, cursor: FolderCursor | null): Promise<FolderChanges>;
  /** Whole messages for locators the pipeline decided to keep (linked to a contact or organization). */
  sources(folder: string, locators: readonly string[]): AsyncIterable<RawMessage>;
  /**
   * Resolve when the folder may have news (IMAP IDLE's EXISTS), or when the signal aborts. Providers
   * without push resolve only on abort; the schedule covers them.
   */
  waitForNews?(folder: string, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Decrypted settings and credentials a provider needs to connect: see core/email/mailboxes. */
export type MailboxConnection =
  | {
      kind: 'imap';
      host: string;
      port: number;
      secure: boolean;
      username: string;
      password: string;
      folders: string[] | null;
      allowUntrustedCertificate: boolean;
    }
  | {
      kind: 'gmail';
      userEmail: string;
      labels: string[] | null;
      auth:
        | { mode: 'service_account'; serviceAccountKeyJson: string }
        | { mode: 'oauth'; clientId: string; clientSecret: string; refreshToken: string };
      /** Where the Gmail and OAuth endpoints are (tests point these at a recorded-response server). */
      apiBaseUrl?: string;
      tokenUrl?: string;
    }
  | { kind: 'mbox'; files: string[] };

export interface MailProvider {
  kind: MailboxConnection['kind'];
  /** Connect and authenticate. A wrong password or an unreachable server rejects with a MailSourceError. */
  open(connection: MailboxConnection, options?: { signal?: AbortSignal }): Promise<MailSession>;
}

/** A failure of the mail source (not of LP Desk): recorded on the sync run, answered as a 4xx when a person asked. */
export class MailSourceError extends Error {
  constructor(
    message: string,
    readonly reason: 'auth' | 'unreachable' | 'protocol' | 'not_found',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailSourceError';
  }
}
