import { EMAIL_DEFAULTS } from '@lpdesk/contracts';
import { type AccessToken, fetchAccessToken, GMAIL_API_BASE, type GmailAuth, GmailApiError, gmailGet } from './gmail-http.js';
import { type FolderChanges, type FolderCursor, type MailboxConnection, type MailProvider, type MailSession, MailSourceError, type MessageEnvelope, type RawMessage } from './types.js';

// The Gmail API as a mail source (plain fetch, no googleapis). Folders are label ids (default INBOX and
// SENT). The first sync lists a label's messages; later ones read the mailbox history since the stored
// historyId, and a history too old to read (404) lists the label again. Envelopes come from
// format=metadata, whole messages from format=raw.

const DEFAULT_LABELS = ['INBOX', 'SENT'];
const PAGE_SIZE = 500;
/** Parallel metadata requests: Gmail's per-user quota allows far more, this keeps a sync polite. */
const PARALLEL = 8;

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Gmail's API thread id is the hex form of the decimal X-GM-THRID that IMAP and Takeout show: the decimal
 * is kept so one Gmail thread has one provider thread id whichever way its mail arrived.
 */
export function gmailThreadId(hex: string | null): string | null {
  if (!hex) return null;
  return /^[0-9a-f]{1,16}$/i.test(hex) ? BigInt(`0x${hex}`).toString(10) : hex;
}

/** The RFC 5322 header block from format=metadata's payload.headers (values as Gmail gives them: undecoded). */
function headerBlock(message: Json): Buffer {
  const headers = asArray(asObject(message.payload).headers);
  const lines = headers.map((h) => `${asString(asObject(h).name) ?? ''}: ${(asString(asObject(h).value) ?? '').replace(/\r?\n/g, '\r\n ')}\r\n`);
  return Buffer.from(lines.join(''), 'utf8');
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface GmailProviderOptions {
  /** Seconds since the epoch, for the service account JWT's iat (tests fix it). */
  nowSeconds?: () => number;
}

class GmailSession implements MailSession {
  private access: AccessToken | null = null;
  private readonly base: string;

  constructor(
    private readonly connection: Extract<MailboxConnection, { kind: 'gmail' }>,
    private readonly now: () => number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.base = `${(connection.apiBaseUrl ?? GMAIL_API_BASE).replace(/\/$/, '')}/users/me`;
  }

  private async token(): Promise<string> {
    if (!this.access || this.access.expiresAt <= this.now()) {
      const auth: GmailAuth = this.connection.auth;
      this.access = await fetchAccessToken({ auth, userEmail: this.connection.userEmail, tokenUrl: this.connection.tokenUrl, nowSeconds: this.now(), signal: this.signal });
    }
    return this.access.token;
  }

  private async get(path: string, query: Record<string, string | undefined> = {}): Promise<Json> {
    const url = new URL(`${this.base}${path}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    return asObject(await gmailGet(url.toString(), await this.token(), this.signal));
  }

  /** Sign in and read the profile: wrong credentials fail here, at open. */
  async profile(): Promise<{ historyId: string }> {
    const profile = await this.get('/profile');
    const historyId = asString(profile.historyId);
    if (!historyId) throw new MailSourceError('Gmail answered the profile without a historyId', 'protocol');
    return { historyId };
  }

  async folders(): Promise<string[]> {
    return this.connection.labels ?? DEFAULT_LABELS;
  }

  async sentFolder(): Promise<string | null> {
    return (await this.folders()).includes('SENT') ? 'SENT' : null;
  }

  /** Every message id with the label, oldest first (the API lists newest first). */
  private async listLabel(label: string): Promise<string[]> {
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.get('/messages', { labelIds: label, maxResults: String(PAGE_SIZE), pageToken });
      for (const m of asArray(page.messages)) {
        const id = asString(asObject(m).id);
        if (id) ids.push(id);
      }
      pageToken = asString(page.nextPageToken) ?? undefined;
    } while (pageToken);
    return ids.reverse();
  }

  /** Ids of messages added with the label since the historyId, oldest first, and where history now stands. */
  private async historySince(label: string, startHistoryId: string): Promise<{ ids: string[]; historyId: string }> {
    const ids: string[] = [];
    const seen = new Set<string>();
    let historyId = startHistoryId;
    let pageToken: string | undefined;
    do {
      const page = await this.get('/history', { startHistoryId, historyTypes: 'messageAdded', labelId: label, maxResults: String(PAGE_SIZE), pageToken });
      for (const entry of asArray(page.history)) {
        for (const added of asArray(asObject(entry).messagesAdded)) {
          const message = asObject(asObject(added).message);
          const id = asString(message.id);
          const labels = asArray(message.labelIds);
          // labelId filters history records, not each message in them: check the label is on the message.
          if (id && !seen.has(id) && (labels.length === 0 || labels.includes(label))) {
            seen.add(id);
            ids.push(id);
          }
        }
      }
      historyId = asString(page.historyId) ?? historyId;
      pageToken = asString(page.nextPageToken) ?? undefined;
    } while (pageToken);
    return { ids, historyId };
  }

  private async envelope(folder: string, id: string): Promise<MessageEnvelope | null> {
    let message: Json;
    try {
      message = await this.get(`/messages/${encodeURIComponent(id)}`, { format: 'metadata' });
    } catch (error) {
      // Deleted between the listing and now: nothing to capture.
      if (error instanceof GmailApiError && error.status === 404) return null;
      throw error;
    }
    const internalDate = Number(asString(message.internalDate));
    return {
      locator: id,
      folder,
      headers: headerBlock(message),
      providerThreadId: gmailThreadId(asString(message.threadId)),
      receivedAt: Number.isFinite(internalDate) && internalDate > 0 ? new Date(internalDate).toISOString() : null,
      size: typeof message.sizeEstimate === 'number' ? message.sizeEstimate : null,
    };
  }

  private async *batches(folder: string, ids: string[]): AsyncGenerator<MessageEnvelope[]> {
    for (let start = 0; start < ids.length; start += EMAIL_DEFAULTS.batchSize) {
      const envelopes = await mapLimited(ids.slice(start, start + EMAIL_DEFAULTS.batchSize), PARALLEL, (id) => this.envelope(folder, id));
      const found = envelopes.filter((e): e is MessageEnvelope => e !== null);
      if (found.length > 0) yield found;
    }
  }

  async changes(folder: string, cursor: FolderCursor | null): Promise<FolderChanges> {
    if (cursor?.historyId) {
      try {
        const { ids, historyId } = await this.historySince(folder, cursor.historyId);
        return { cursor: { folder, uidValidity: null, lastUid: 0, historyId }, reset: false, batches: this.batches(folder, ids) };
      } catch (error) {
        // Gmail keeps history for about a week: older than that, list the label again.
        if (!(error instanceof GmailApiError && error.status === 404)) throw error;
      }
    }
    // The historyId is read before listing, so mail arriving meanwhile is in the next sync's history.
    const { historyId } = await this.profile();
    const ids = await this.listLabel(folder);
    return { cursor: { folder, uidValidity: null, lastUid: 0, historyId }, reset: cursor?.historyId != null, batches: this.batches(folder, ids) };
  }

  async *sources(_folder: string, locators: readonly string[]): AsyncIterable<RawMessage> {
    for (let start = 0; start < locators.length; start += PARALLEL) {
      const chunk = locators.slice(start, start + PARALLEL);
      const messages = await mapLimited(chunk, PARALLEL, async (id) => {
        try {
          return { id, message: await this.get(`/messages/${encodeURIComponent(id)}`, { format: 'raw' }) };
        } catch (error) {
          if (error instanceof GmailApiError && error.status === 404) return null;
          throw error;
        }
      });
      for (const found of messages) {
        if (!found) continue;
        const raw = asString(found.message.raw);
        if (raw === null) throw new MailSourceError(`Gmail answered message ${found.id} without its raw form`, 'protocol');
        yield { locator: found.id, source: Buffer.from(raw, 'base64url') };
      }
    }
  }

  async close(): Promise<void> {}
}

export function createGmailProvider(options: GmailProviderOptions = {}): MailProvider {
  const now = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return {
    kind: 'gmail',
    async open(connection, openOptions) {
      if (connection.kind !== 'gmail') throw new Error(`The Gmail provider cannot open a ${connection.kind} mailbox`);
      const session = new GmailSession(connection, now, openOptions?.signal);
      await session.profile();
      return session;
    },
  };
}

export const gmailProvider = createGmailProvider();
