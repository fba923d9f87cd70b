import { EMAIL_DEFAULTS } from '@lpdesk/contracts';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { type FolderChanges, type FolderCursor, type MailboxConnection, type MailProvider, type MailSession, MailSourceError, type MessageEnvelope, type RawMessage } from './types.js';
import { splitIntoChunks } from '../../kernel/chunks.js';

// IMAP through imapflow: Gmail/Workspace app passwords, Microsoft 365, Fastmail, Dovecot, any server.
// Incremental by UIDVALIDITY + the highest UID seen; headers first (the pipeline decides which bodies to
// fetch), whole messages only for the UIDs it asks for; IDLE on a separate connection for push.

type ImapConnection = Extract<MailboxConnection, { kind: 'imap' }>;

export interface ImapProviderOptions {
  /** Connect and greeting timeout (ms): a dead host must fail a sync run quickly, not hang it. */
  connectTimeoutMs?: number;
  /** Socket inactivity timeout once connected (ms). */
  socketTimeoutMs?: number;
  batchSize?: number;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ETIMEOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
]);

function errorField(error: unknown, field: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, field) : undefined;
}

/** imapflow's and Node's errors as the sync understands them: auth, unreachable or protocol. */
export function toMailSourceError(error: unknown, host: string): MailSourceError {
  if (error instanceof MailSourceError) return error;
  const code = errorField(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  if (errorField(error, 'authenticationFailed') === true) {
    const detail = errorField(error, 'responseText');
    return new MailSourceError(`IMAP login to ${host} failed${typeof detail === 'string' && detail ? `: ${detail}` : ' (wrong user name or password)'}`, 'auth', { cause: error });
  }
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return new MailSourceError(`IMAP server ${host} unreachable (${code}): ${message}`, 'unreachable', { cause: error });
  if (errorField(error, 'mailboxMissing') === true || errorField(error, 'serverResponseCode') === 'NONEXISTENT' || code === 'NotFound') return new MailSourceError(`IMAP folder not found on ${host}: ${message}`, 'not_found', { cause: error });
  return new MailSourceError(`IMAP error from ${host}: ${message}`, 'protocol', { cause: error });
}

/** A compact UID set: 1:5,7,9:12. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const uid of sorted.slice(1)) {
    if (previous !== undefined && uid === previous + 1) {
      previous = uid;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
    start = uid;
    previous = uid;
  }
  if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}:${previous}`);
  return parts.join(',');
}

const chunk = splitIntoChunks;

function clientOptions(connection: ImapConnection, options: ImapProviderOptions): ImapFlowOptions {
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  return {
    host: connection.host,
    port: connection.port,
    secure: connection.secure,
    auth: { user: connection.username, pass: connection.password },
    logger: false,
    // IDLE only where we ask for it (waitForNews): the sync connection stays request/response.
    disableAutoIdle: true,
    connectionTimeout: connectTimeout,
    greetingTimeout: connectTimeout,
    socketTimeout: options.socketTimeoutMs ?? 120_000,
    // Restart IDLE well inside the socket timeout and the 29 minutes servers allow (RFC 2177); NATs keep the flow.
    maxIdleTime: 60_000,
    tls: { rejectUnauthorized: !connection.allowUntrustedCertificate },
  };
}

async function connect(connection: ImapConnection, options: ImapProviderOptions, signal?: AbortSignal): Promise<ImapFlow> {
  if (signal?.aborted) throw new MailSourceError('IMAP connection aborted', 'unreachable');
  const client = new ImapFlow(clientOptions(connection, options));
  // A dropped connection emits 'error'; without a listener Node would throw it at the process.
  client.on('error', () => undefined);
  const abort = () => client.close();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw toMailSourceError(error, connection.host);
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

class ImapSession implements MailSession {
  private closed = false;
  private listed: Promise<{ path: string; specialUse?: string | undefined }[]> | null = null;

  constructor(
    private readonly client: ImapFlow,
    private readonly connection: ImapConnection,
    private readonly options: ImapProviderOptions,
  ) {}

  private list() {
    this.listed ??= this.run(() => this.client.list());
    return this.listed;
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toMailSourceError(error, this.connection.host);
    }
  }

  async folders(): Promise<string[]> {
    if (this.connection.folders && this.connection.folders.length > 0) return [...this.connection.folders];
    const sent = await this.sentFolder();
    return sent ? ['INBOX', sent] : ['INBOX'];
  }

  async sentFolder(): Promise<string | null> {
    const folders = await this.list();
    return folders.find((folder) => folder.specialUse === '\\Sent')?.path ?? null;
  }

  async changes(folder: string, cursor: FolderCursor | null): Promise<FolderChanges> {
    const client = this.client;
    const batchSize = this.options.batchSize ?? EMAIL_DEFAULTS.batchSize;
    const { uidValidity, uids } = await this.run(async () => {
      const lock = await client.getMailboxLock(folder, { readOnly: true });
      try {
        // SELECT again even when the folder is open: UIDVALIDITY and UIDNEXT must be today's, not the session's first.
        const mailbox = await client.mailboxOpen(folder, { readOnly: true });
        const validity = String(mailbox.uidValidity);
        const reset = cursor !== null && cursor.uidValidity !== null && cursor.uidValidity !== validity;
        const from = reset || cursor === null ? 1 : cursor.lastUid + 1;
        // Nothing new (UIDNEXT says so): no SEARCH at all, which keeps an idle re-sync to one SELECT.
        if (mailbox.exists === 0 || Number(mailbox.uidNext) <= from) return { uidValidity: validity, uids: [] as number[] };
        const found = await client.search({ uid: `${from}:*` }, { uid: true });
        // `n:*` always includes the highest UID, even below n.
        return { uidValidity: validity, uids: (found || []).filter((uid) => uid >= from).sort((a, b) => a - b) };
      } finally {
        lock.release();
      }
    });
    const reset = cursor !== null && cursor.uidValidity !== null && cursor.uidValidity !== uidValidity;
    const lastUid = uids.length > 0 ? (uids[uids.length - 1] ?? 0) : reset || cursor === null ? 0 : cursor.lastUid;
    const withThreads = this.client.capabilities.has('X-GM-EXT-1');
    const run = <T>(work: () => Promise<T>) => this.run(work);
    const fetchPart = (part: number[]) =>
      run(async () => {
        const lock = await client.getMailboxLock(folder, { readOnly: true });
        try {
          // One FETCH per batch over its UID set, whole header block included (not one per message).
          return await client.fetchAll(uidSet(part), { uid: true, internalDate: true, size: true, headers: true, ...(withThreads ? { threadId: true } : {}) }, { uid: true });
        } finally {
          lock.release();
        }
      });
    async function* batches(): AsyncGenerator<MessageEnvelope[]> {
      const parts = chunk(uids, batchSize);
      let next = parts[0] ? fetchPart(parts[0]) : null;
      for (let i = 0; next; i++) {
        const fetched = await next;
        // The next batch's headers come over the wire while the pipeline stores this one.
        const following = parts[i + 1];
        next = following ? fetchPart(following) : null;
        // Not awaited if the caller stops early: its failure must not be an unhandled rejection.
        next?.catch(() => undefined);
        const envelopes = fetched
          .sort((a, b) => a.uid - b.uid)
          .map((message): MessageEnvelope => {
            const received = message.internalDate;
            return {
              locator: String(message.uid),
              folder,
              headers: message.headers ?? Buffer.alloc(0),
              providerThreadId: message.threadId ?? null,
              receivedAt: received instanceof Date ? received.toISOString() : typeof received === 'string' ? new Date(received).toISOString() : null,
              size: message.size ?? null,
            };
          });
        // Messages expunged since the SEARCH are simply not there.
        if (envelopes.length > 0) yield envelopes;
      }
    }
    return { cursor: { folder, uidValidity, lastUid, historyId: null }, reset, batches: batches() };
  }

  async *sources(folder: string, locators: readonly string[]): AsyncIterable<RawMessage> {
    const uids = locators.map(Number).filter((uid) => Number.isInteger(uid) && uid > 0);
    // Small chunks: whole messages (attachments) are held in memory until handed over.
    for (const part of chunk(uids, 25)) {
      const fetched = await this.run(async () => {
        const lock = await this.client.getMailboxLock(folder, { readOnly: true });
        try {
          return await this.client.fetchAll(uidSet(part), { uid: true, source: true }, { uid: true });
        } finally {
          lock.release();
        }
      });
      for (const message of fetched.sort((a, b) => a.uid - b.uid)) {
        if (message.source) yield { locator: String(message.uid), source: message.source };
      }
    }
  }

  /** IDLE on its own connection: resolves on EXISTS (new mail) or when the signal aborts. */
  async waitForNews(folder: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    let watcher: ImapFlow;
    try {
      watcher = await connect(this.connection, this.options, signal);
    } catch (error) {
      // Aborted while connecting: that is a stop, not a failure.
      if (signal.aborted) return;
      throw error;
    }
    try {
      await new Promise<void>((resolve, reject) => {
        let settled = false;
        const finish = (error?: unknown) => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          if (error) reject(toMailSourceError(error, this.connection.host));
          else resolve();
        };
        const onAbort = () => finish();
        signal.addEventListener('abort', onAbort, { once: true });
        let known = -1;
        watcher.on('exists', (data: { count: number; prevCount: number }) => {
          if (data.count > Math.max(known, data.prevCount)) finish();
        });
        watcher.on('close', () => finish(signal.aborted ? undefined : new MailSourceError(`IMAP connection to ${this.connection.host} closed during IDLE`, 'unreachable')));
        watcher
          .mailboxOpen(folder, { readOnly: true })
          .then(async (mailbox) => {
            known = mailbox.exists;
            // idle() resolves when IDLE is broken; enter it again until there is news or an abort.
            while (!settled) {
              const began = Date.now();
              await watcher.idle();
              // A server that ends IDLE at once (or has none) must not make this a busy loop.
              if (Date.now() - began < 100) await new Promise((resolve) => setTimeout(resolve, 1000));
            }
          })
          .catch((error: unknown) => finish(signal.aborted ? undefined : error));
      });
    } finally {
      await watcher.logout().catch(() => watcher.close());
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.logout().catch(() => this.client.close());
  }
}

export function createImapProvider(options: ImapProviderOptions = {}): MailProvider {
  return {
    kind: 'imap',
    async open(connection, openOptions) {
      if (connection.kind !== 'imap') throw new MailSourceError(`The IMAP provider cannot open a ${connection.kind} mailbox`, 'protocol');
      const client = await connect(connection, options, openOptions?.signal);
      return new ImapSession(client, connection, options);
    },
  };
}

export const imapProvider = createImapProvider();
