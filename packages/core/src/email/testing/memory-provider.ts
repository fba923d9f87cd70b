import { EMAIL_DEFAULTS } from '@lpdesk/contracts';
import type { FolderChanges, FolderCursor, MailboxConnection, MailProvider, MailSession, MessageEnvelope, RawMessage } from '../providers/types.js';
import { headerBlock } from './messages.js';

// An in-memory mail source for tests: folders of RFC 822 Buffers with IMAP-like UIDs and UIDVALIDITY.

interface StoredMessage {
  uid: number;
  source: Buffer;
  receivedAt: string | null;
  providerThreadId: string | null;
}

interface MemoryFolder {
  uidValidity: number;
  nextUid: number;
  messages: StoredMessage[];
}

export class MemoryMailbox {
  private readonly store = new Map<string, MemoryFolder>();
  private validitySerial = 1000;
  /** The folder reported as sent mail (null: none). */
  sentFolderName: string | null;
  /** When set, `open` rejects with it (a wrong password, an unreachable server). */
  openError: Error | null = null;
  /** Header batches handed out per `changes` call. */
  batchSize: number = EMAIL_DEFAULTS.batchSize;
  /** Every `sources` request, for tests that check which messages were fetched whole. */
  readonly sourceRequests: { folder: string; locators: string[] }[] = [];

  constructor(folders: readonly string[] = ['INBOX', 'Sent'], sentFolder: string | null = 'Sent') {
    for (const folder of folders) this.addFolder(folder);
    this.sentFolderName = sentFolder;
  }

  addFolder(name: string): void {
    if (!this.store.has(name)) this.store.set(name, { uidValidity: this.validitySerial++, nextUid: 1, messages: [] });
  }

  folderNames(): string[] {
    return [...this.store.keys()];
  }

  private folder(name: string): MemoryFolder {
    const folder = this.store.get(name);
    if (!folder) throw new Error(`memory mailbox: no folder ${name}`);
    return folder;
  }

  /** Like IMAP APPEND: the message gets the next UID. */
  append(folderName: string, source: Buffer, options: { receivedAt?: string; providerThreadId?: string } = {}): number {
    const folder = this.folder(folderName);
    const uid = folder.nextUid++;
    folder.messages.push({ uid, source, receivedAt: options.receivedAt ?? null, providerThreadId: options.providerThreadId ?? null });
    return uid;
  }

  /** The folder changes identity (recreated on the server): a new UIDVALIDITY and new UIDs from 1. */
  resetUidValidity(folderName: string): void {
    const folder = this.folder(folderName);
    folder.uidValidity = this.validitySerial++;
    folder.nextUid = 1;
    for (const message of folder.messages) message.uid = folder.nextUid++;
  }

  uidValidity(folderName: string): string {
    return String(this.folder(folderName).uidValidity);
  }

  session(connection: MailboxConnection): MailSession {
    const configured = connection.kind === 'imap' ? connection.folders : null;
    return {
      folders: async () => configured ?? this.folderNames(),
      sentFolder: async () => this.sentFolderName,
      changes: async (folderName: string, cursor: FolderCursor | null): Promise<FolderChanges> => {
        const folder = this.folder(folderName);
        const uidValidity = String(folder.uidValidity);
        const reset = cursor !== null && cursor.uidValidity !== null && cursor.uidValidity !== uidValidity;
        const after = cursor === null || reset || cursor.uidValidity === null ? 0 : cursor.lastUid;
        // A snapshot now, as IMAP's UID SEARCH would answer: later appends wait for the next sync.
        const fresh = folder.messages.filter((message) => message.uid > after);
        const lastUid = fresh.reduce((max, message) => Math.max(max, message.uid), after);
        const size = this.batchSize;
        async function* batches(): AsyncIterable<MessageEnvelope[]> {
          for (let start = 0; start < fresh.length; start += size) {
            yield fresh.slice(start, start + size).map((message) => ({
              locator: String(message.uid),
              folder: folderName,
              headers: headerBlock(message.source),
              providerThreadId: message.providerThreadId,
              receivedAt: message.receivedAt,
              size: message.source.length,
            }));
          }
        }
        return { cursor: { folder: folderName, uidValidity, lastUid, historyId: null }, reset, batches: batches() };
      },
      sources: (folderName: string, locators: readonly string[]): AsyncIterable<RawMessage> => {
        const folder = this.folder(folderName);
        this.sourceRequests.push({ folder: folderName, locators: [...locators] });
        const wanted = new Set(locators);
        const found = folder.messages.filter((message) => wanted.has(String(message.uid)));
        return (async function* () {
          for (const message of found) yield { locator: String(message.uid), source: message.source };
        })();
      },
      close: async () => {},
    };
  }
}

/** A provider over memory mailboxes: one for every connection, or chosen by the connection (e.g. by username). */
export function memoryProvider(mailboxes: MemoryMailbox | ((connection: MailboxConnection) => MemoryMailbox)): MailProvider {
  const pick = typeof mailboxes === 'function' ? mailboxes : () => mailboxes;
  return {
    kind: 'imap',
    open: async (connection) => {
      const mailbox = pick(connection);
      if (mailbox.openError) throw mailbox.openError;
      return mailbox.session(connection);
    },
  };
}

/** A connection for the memory provider (nothing in it is used but the folders). */
export function memoryConnection(folders: string[] | null = null): MailboxConnection {
  return { kind: 'imap', host: 'memory.invalid', port: 993, secure: true, username: 'test', password: 'test', folders, allowUntrustedCertificate: false };
}
